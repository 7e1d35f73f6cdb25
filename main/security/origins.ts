/** The app is served from app://loket in production builds (never file://). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'loket';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Origin of a URL, or null when it cannot be parsed (hostile input is never thrown). */
export function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    // Non-special schemes report origin "null"; rebuild it for app://.
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  } catch {
    return null;
  }
}
