import { defineServerSuite } from './server-suite';

defineServerSuite('postgres');
