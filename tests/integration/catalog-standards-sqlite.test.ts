import { defineCatalogStandardsSuite } from '../support/catalog-standards-suite';

defineCatalogStandardsSuite('sqlite');
