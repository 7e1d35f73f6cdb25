/** Reported by /health; kept in step with server/package.json by hand (not imported, so tsc's project stays self-contained). */
export const SERVER_NAME = 'loket-server' as const;
export const SERVER_VERSION = '0.1.0';
