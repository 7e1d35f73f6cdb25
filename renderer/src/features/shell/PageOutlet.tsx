import { ComingSoonPage } from '../placeholder/ComingSoonPage';
import { HomePage } from '../home/HomePage';
import { ServicesPage } from '../services/ServicesPage';
import { SettingsPage } from '../settings/SettingsPage';
import type { NavKey } from './navigation';

interface Props {
  page: NavKey;
  onNavigate: (page: NavKey) => void;
  onChangeCounter: () => void;
}

/** Routing by state: one component per navigation key. */
export function PageOutlet({ page, onNavigate, onChangeCounter }: Props) {
  switch (page) {
    case 'home':
      return <HomePage onNavigate={onNavigate} onChangeCounter={onChangeCounter} />;
    case 'services':
      return <ServicesPage />;
    case 'settings':
      return <SettingsPage />;
    case 'counter-queue':
    case 'applications':
    case 'take-queue':
    case 'dashboard':
    case 'skm':
    case 'printers':
      return <ComingSoonPage page={page} />;
  }
}
