/** Serves the renderer build from app://loket with the CSP header (never file://). */
import { protocol } from 'electron';
import fs from 'node:fs/promises';
import { APP_HOST, APP_SCHEME } from '../security/origins';
import { contentTypeOf, resolveAppPath } from '../security/app-protocol';
import { buildCsp } from '../security/csp';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererRoot: string): void {
  const csp = buildCsp();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(rendererRoot, request.url, APP_HOST);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        headers: {
          'content-type': contentTypeOf(file),
          'content-security-policy': csp,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
