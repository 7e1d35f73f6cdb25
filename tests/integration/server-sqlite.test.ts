import { defineServerSuite } from './server-suite';

defineServerSuite('sqlite');
