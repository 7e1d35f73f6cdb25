/**
 * The Content-Security-Policy of every renderer page. One place: the app://
 * protocol handler sends it as a header; the dev harness adds only its loopback socket.
 */
export function buildCsp(extraConnectSrc: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Emotion (MUI) injects <style> elements at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' blob: mediastream:",
    `connect-src 'self'${extraConnectSrc.map((s) => ` ${s}`).join('')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
  ].join('; ');
}
