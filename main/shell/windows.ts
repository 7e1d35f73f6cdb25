import { BrowserWindow } from 'electron';
import path from 'node:path';
import { APP_ORIGIN } from '../security/origins';

/** The webPreferences of the security checklist, the same for every window. */
function hardenedPreferences(distDir: string): Electron.WebPreferences {
  return {
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
  };
}

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
    webPreferences: hardenedPreferences(distDir),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

/**
 * The display board for the hall's TV: full screen on the chosen display (by default
 * the first one that is not the officer's), same hardened preferences, #board route.
 */
export function createBoardWindow(distDir: string, bounds: { x: number; y: number; width: number; height: number }, fullscreen: boolean): BrowserWindow {
  const win = new BrowserWindow({
    ...bounds,
    title: 'Loket — Papan Antrian',
    fullscreen,
    autoHideMenuBar: true,
    backgroundColor: '#0b1f33',
    // The board must chime and speak without a click on the TV.
    webPreferences: { ...hardenedPreferences(distDir), autoplayPolicy: 'no-user-gesture-required' },
  });
  void win.loadURL(`${APP_ORIGIN}/index.html#board`);
  return win;
}

/**
 * The SKM survey kiosk facing the visitor at the counter (#survey): full screen in kiosk mode on
 * a second display, so the visitor cannot leave it and the officer's screen never shows the
 * answers; a normal window on the officer's display when there is no second one.
 */
export function createSurveyWindow(distDir: string, bounds: { x: number; y: number; width: number; height: number }, ownDisplay: boolean): BrowserWindow {
  const win = new BrowserWindow({
    ...bounds,
    title: 'Loket — Survei Kepuasan Masyarakat',
    fullscreen: ownDisplay,
    kiosk: ownDisplay,
    autoHideMenuBar: true,
    backgroundColor: '#f4f7fb',
    webPreferences: hardenedPreferences(distDir),
  });
  void win.loadURL(`${APP_ORIGIN}/index.html#survey`);
  return win;
}
