import { ApplicationsPage } from '../applications/ApplicationsPage';
import { CounterPage } from '../counter/CounterPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { SkmPage } from '../skm/SkmPage';
import { FrontDeskPage } from '../frontdesk/FrontDeskPage';
import { HomePage } from '../home/HomePage';
import { PrinterSettingsPage } from '../printers/PrinterSettingsPage';
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
      return <CounterPage onNavigate={onNavigate} onChangeCounter={onChangeCounter} />;
    case 'take-queue':
      return <FrontDeskPage />;
    case 'printers':
      return <PrinterSettingsPage />;
    case 'dashboard':
      return <DashboardPage />;
    case 'skm':
      return <SkmPage />;
    case 'applications':
      return <ApplicationsPage />;
  }
}
