/**
 * The Electron security checklist, applied in one place for every web contents:
 * no navigation away, no new windows, no webviews, permissions denied by default.
 */
import { app, session, shell, type Session } from 'electron';
import { APP_ORIGIN } from '../security/origins';
import { isAllowedNavigation } from '../security/navigation';
import { isAllowedExternalUrl } from '../security/external-url';
import { decidePermission } from '../security/permissions';

export function hardenSession(s: Session): void {
  s.setPermissionRequestHandler((wc, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    callback(decidePermission({ permission, requestingUrl: details.requestingUrl ?? wc.getURL(), mediaTypes }, APP_ORIGIN));
  });
  s.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    decidePermission({ permission, requestingUrl: requestingOrigin, mediaTypes: ['video'] }, APP_ORIGIN),
  );
  s.setDevicePermissionHandler(() => false);
}

export function hardenAllWebContents(): void {
  hardenSession(session.defaultSession);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAllowedNavigation(url, APP_ORIGIN)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAllowedNavigation(url, APP_ORIGIN)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Allow-listed help links open in the system browser; nothing opens inside Loket.
      if (isAllowedExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
