/**
 * shell.openExternal is only for https links to an allow-list of government sites
 * (regulations, the national complaint channel). Anything else is refused: other
 * schemes can launch programs, and look-alike hosts can phish officers.
 */
export const EXTERNAL_HOSTS: readonly string[] = [
  'www.lapor.go.id',
  'www.menpan.go.id',
  'peraturan.bpk.go.id',
  'dukcapil.kemendagri.go.id',
  'www.imigrasi.go.id',
  'oss.go.id',
];

export function isAllowedExternalUrl(raw: string, allowedHosts: readonly string[] = EXTERNAL_HOSTS): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we refuse
  if (raw.length > 2048 || /[\s\u0000-\u001f\\]/.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  if (url.port !== '') return false;
  // URL() lower-cases and punycodes the host, so look-alikes do not match the list.
  return allowedHosts.includes(url.hostname);
}
