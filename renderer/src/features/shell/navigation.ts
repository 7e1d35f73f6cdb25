/** Left navigation per role; the order also defines Alt+1..9. */
import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';
import AssignmentIcon from '@mui/icons-material/Assignment';
import ConfirmationNumberIcon from '@mui/icons-material/ConfirmationNumber';
import DashboardIcon from '@mui/icons-material/Dashboard';
import HomeIcon from '@mui/icons-material/Home';
import ListAltIcon from '@mui/icons-material/ListAlt';
import PeopleIcon from '@mui/icons-material/People';
import PrintIcon from '@mui/icons-material/Print';
import SentimentSatisfiedAltIcon from '@mui/icons-material/SentimentSatisfiedAlt';
import type { SvgIconComponent } from '@mui/icons-material';
import type { Role } from '../../../../common/domain/roles';

export type NavKey =
  | 'home'
  | 'counter-queue'
  | 'applications'
  | 'services'
  | 'take-queue'
  | 'dashboard'
  | 'skm'
  | 'settings'
  | 'printers';

export const NAV_BY_ROLE: Record<Role, readonly NavKey[]> = {
  officer: ['home', 'counter-queue', 'applications', 'services'],
  frontdesk: ['home', 'take-queue', 'services'],
  supervisor: ['home', 'dashboard', 'skm', 'services'],
  admin: ['home', 'settings', 'printers', 'services'],
};

export const NAV_ICONS: Record<NavKey, SvgIconComponent> = {
  home: HomeIcon,
  'counter-queue': PeopleIcon,
  applications: AssignmentIcon,
  services: ListAltIcon,
  'take-queue': ConfirmationNumberIcon,
  dashboard: DashboardIcon,
  skm: SentimentSatisfiedAltIcon,
  settings: AdminPanelSettingsIcon,
  printers: PrintIcon,
};

export const navFor = (role: Role): readonly NavKey[] => NAV_BY_ROLE[role];
