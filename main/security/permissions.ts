/**
 * Permission requests are denied, except the camera for capturing document scans
 * (a later feature) and only from our own origin. Microphone, geolocation,
 * notifications from web content, HID/USB/serial from the page: all denied.
 */
import { originOf } from './origins';

export interface PermissionAsk {
  permission: string;
  requestingUrl: string;
  mediaTypes?: readonly string[];
}

export function decidePermission(ask: PermissionAsk, appOrigin: string): boolean {
  if (originOf(ask.requestingUrl) !== appOrigin) return false;
  if (ask.permission === 'media') {
    const types = ask.mediaTypes ?? [];
    return types.length > 0 && types.every((t) => t === 'video');
  }
  return false;
}
