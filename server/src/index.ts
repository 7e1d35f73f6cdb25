/** Public surface of the reference server for the harness, tests and later sync work. */
export { startServer, runMain, DEFAULT_PORT, DEFAULT_HOST, type StartServerOptions, type RunningServer } from './main';
export { buildServer, DEFAULT_BODY_LIMIT, DEFAULT_TOKEN_TTL_HOURS, type BuildServerOptions } from './http/app';
export type { ServerContext } from './http/context';
export { openServerDb, isPostgres, countRows, type ServerDb, type ServerDbOptions } from './db/connect';
export { openSelectedDb, DEFAULT_DATA_FILE, type DbSelection } from './db/select';
export { migrateServer, rollbackServer } from './db/migrate';
export { SERVER_MIGRATIONS, serverMigrationSource } from './db/migrations';
export { seedDemo, DEMO_ACCOUNTS, DEMO_AGENCIES, DEMO_MALL_NAME, DEMO_PASSWORD, type DemoAccount } from './demo/seed';
export { createAuthGuard, canAccessAgency, assertAgencyAccess, agencyScope, requireOfficer, type AuthGuard, type AgencyAccess } from './auth/guard';
export { createOfficer, setOfficerActive, findOfficerByUsername, findOfficerById, type AuthOfficer, type ServerOfficer } from './auth/officers';
export { createAgency, createCounter, createService, loadCatalog } from './catalog/catalog-repo';
export { runCli, type CliIo } from './cli';
export { runMaintenance } from './maintenance';
