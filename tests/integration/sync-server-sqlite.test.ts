import { defineSyncServerSuite } from '../support/sync-server-suite';

defineSyncServerSuite('sqlite');
