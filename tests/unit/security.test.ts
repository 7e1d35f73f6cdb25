import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from '../../main/security/external-url';
import { isTrustedSender } from '../../main/security/sender';
import { isAllowedNavigation } from '../../main/security/navigation';
import { decidePermission } from '../../main/security/permissions';
import { resolveAppPath } from '../../main/security/app-protocol';
import { buildCsp } from '../../main/security/csp';
import { APP_ORIGIN } from '../../main/security/origins';

describe('shell.openExternal allow-list', () => {
  it.each([
    'https://www.lapor.go.id/',
    'https://peraturan.bpk.go.id/Details/39239',
    'https://WWW.LAPOR.GO.ID/pengaduan',
  ])('allows %s', (url) => expect(isAllowedExternalUrl(url)).toBe(true));

  it.each([
    ['plain http', 'http://www.lapor.go.id/'],
    ['javascript', 'javascript:alert(1)'],
    ['file', 'file:///etc/passwd'],
    ['smb share', 'smb://www.lapor.go.id/share'],
    ['custom protocol', 'ms-msdt:/id PCWDiagnostic'],
    ['credentials trick', 'https://www.lapor.go.id@evil.example/'],
    ['user info', 'https://user:pw@www.lapor.go.id/'],
    ['suffix look-alike', 'https://www.lapor.go.id.evil.example/'],
    ['prefix look-alike', 'https://evil-www.lapor.go.id/'],
    ['subdomain not listed', 'https://x.www.lapor.go.id/'],
    ['other port', 'https://www.lapor.go.id:8443/'],
    ['unicode look-alike', 'https://www.lаpor.go.id/'],
    ['backslash', 'https://www.lapor.go.id\\@evil.example/'],
    ['newline injection', 'https://www.lapor.go.id/\nhttps://evil.example'],
    ['not a url', 'lapor.go.id'],
    ['empty', ''],
    ['data url', 'data:text/html,<script>alert(1)</script>'],
    ['huge', `https://www.lapor.go.id/${'a'.repeat(5000)}`],
  ])('refuses %s', (_name, url) => expect(isAllowedExternalUrl(url)).toBe(false));
});

describe('IPC sender check', () => {
  const own = new Set([7]);
  it('accepts the top frame of our window on our origin', () => {
    expect(isTrustedSender({ frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true, webContentsId: 7 }, own, [APP_ORIGIN])).toBe(true);
  });
  it.each([
    ['another window', { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true, webContentsId: 8 }],
    ['a subframe', { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: false, webContentsId: 7 }],
    ['a foreign origin', { frameUrl: 'https://evil.example/', isMainFrame: true, webContentsId: 7 }],
    ['a file url', { frameUrl: 'file:///tmp/x.html', isMainFrame: true, webContentsId: 7 }],
    ['a look-alike app host', { frameUrl: 'app://loket.evil/index.html', isMainFrame: true, webContentsId: 7 }],
    ['no url', { frameUrl: undefined, isMainFrame: true, webContentsId: 7 }],
    ['garbage url', { frameUrl: '::::', isMainFrame: true, webContentsId: 7 }],
  ])('refuses %s', (_name, sender) => expect(isTrustedSender(sender, own, [APP_ORIGIN])).toBe(false));
});

describe('navigation and permissions', () => {
  it('keeps navigation on the app origin', () => {
    expect(isAllowedNavigation(`${APP_ORIGIN}/index.html#x`, APP_ORIGIN)).toBe(true);
    expect(isAllowedNavigation('https://www.lapor.go.id/', APP_ORIGIN)).toBe(false);
    expect(isAllowedNavigation('file:///etc/passwd', APP_ORIGIN)).toBe(false);
  });
  it('allows only the camera, only for our origin', () => {
    expect(decidePermission({ permission: 'media', requestingUrl: `${APP_ORIGIN}/`, mediaTypes: ['video'] }, APP_ORIGIN)).toBe(true);
    expect(decidePermission({ permission: 'media', requestingUrl: `${APP_ORIGIN}/`, mediaTypes: ['audio'] }, APP_ORIGIN)).toBe(false);
    expect(decidePermission({ permission: 'media', requestingUrl: `${APP_ORIGIN}/`, mediaTypes: [] }, APP_ORIGIN)).toBe(false);
    expect(decidePermission({ permission: 'media', requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }, APP_ORIGIN)).toBe(false);
    for (const p of ['geolocation', 'notifications', 'openExternal', 'hid', 'serial', 'clipboard-read', 'midi']) {
      expect(decidePermission({ permission: p, requestingUrl: `${APP_ORIGIN}/` }, APP_ORIGIN), p).toBe(false);
    }
  });
});

describe('app:// protocol paths', () => {
  const root = path.resolve('/srv/renderer');
  it('maps paths inside the build folder', () => {
    expect(resolveAppPath(root, 'app://loket/', 'loket')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://loket/assets/app.js', 'loket')).toBe(path.join(root, 'assets/app.js'));
  });
  it.each(['app://loket/../../etc/passwd', 'app://loket/%2e%2e/%2e%2e/etc/passwd'])('keeps %s inside the build folder', (url) => {
    const r = resolveAppPath(root, url, 'loket');
    expect(r === null || r.startsWith(root + path.sep)).toBe(true);
  });
  it.each([
    'app://loket/assets/..%2f..%2f..%2fetc/passwd',
    'app://loket/%00index.html',
    'app://loket/..%5c..%5cwindows',
    'app://other/index.html',
    'not a url',
  ])('refuses %s', (url) => expect(resolveAppPath(root, url, 'loket')).toBeNull());
});

describe('CSP', () => {
  it('forbids inline and remote scripts, objects and framing', () => {
    const csp = buildCsp();
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toMatch(/unsafe-eval/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(buildCsp(['ws://127.0.0.1:1234'])).toContain("connect-src 'self' ws://127.0.0.1:1234");
  });
});
