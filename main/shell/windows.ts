import { BrowserWindow } from 'electron';
import path from 'node:path';
import { APP_ORIGIN } from '../security/origins';

/** The officer's window with the hardened webPreferences of the security checklist. */
export function createMainWindow(distDir: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1366,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    title: 'Loket',
    show: false,
    backgroundColor: '#f4f7fb',
    webPreferences: {
      preload: path.join(distDir, 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
