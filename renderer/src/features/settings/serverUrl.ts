/** Client-side check of a server address; main validates again. */
export type ServerUrlCheck = 'empty' | 'invalid' | 'ok';

export function checkServerUrl(raw: string): ServerUrlCheck {
  const value = raw.trim();
  if (value === '') return 'empty';
  if (value.length > 200) return 'invalid';
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? 'ok' : 'invalid';
  } catch {
    return 'invalid';
  }
}
