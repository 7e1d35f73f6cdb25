/**
 * IPC sender check: only the top frame of our own window, loaded from our own
 * origin, may call main. Subframes, other origins and unknown windows are refused.
 */
import { originOf } from './origins';

export interface SenderInfo {
  /** URL of the frame that sent the message. */
  frameUrl: string | undefined;
  /** True when the frame is the top-level frame of its page. */
  isMainFrame: boolean;
  /** webContents id of the sender. */
  webContentsId: number;
}

export function isTrustedSender(sender: SenderInfo, ownWebContentsIds: ReadonlySet<number>, allowedOrigins: readonly string[]): boolean {
  if (!ownWebContentsIds.has(sender.webContentsId)) return false;
  if (!sender.isMainFrame || !sender.frameUrl) return false;
  const origin = originOf(sender.frameUrl);
  return origin !== null && allowedOrigins.includes(origin);
}
