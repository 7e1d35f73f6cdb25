import { defineApplicationsServerSuite } from '../support/applications-server-suite';

defineApplicationsServerSuite('postgres');
