import { defineQueueServerSuite } from './queue-server-suite';

defineQueueServerSuite('postgres');
