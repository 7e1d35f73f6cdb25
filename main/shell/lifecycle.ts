/** App lifecycle: single instance, hardening, composition, window, shutdown. */
import { app, dialog, Menu, powerMonitor, screen, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import { createLoket, type Loket } from '../app/compose';
import { isAllowedExternalUrl } from '../security/external-url';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenAllWebContents } from './security';
import { registerIpc } from './ipc';
import { createBoardWindow, createMainWindow, createSurveyWindow } from './windows';
import { safeStorageKeyProvider } from './document-key';

export function startShell(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  let loket: Loket | null = null;
  let win: BrowserWindow | null = null;
  let board: BrowserWindow | null = null;
  let survey: BrowserWindow | null = null;
  const ownIds = new Set<number>();
  // dist/main/index.cjs → dist/
  const distDir = path.resolve(__dirname, '..');

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(async () => {
    Menu.setApplicationMenu(null);
    hardenAllWebContents();
    serveRenderer(path.join(distDir, 'renderer'));
    loket = await createLoket({
      dataDir: app.getPath('userData'),
      runtime: 'electron',
      version: app.getVersion(),
      defaultServerUrl: process.env.LOKET_SERVER_URL ?? null,
      documentKeys: safeStorageKeyProvider(app.getPath('userData')),
      chooseSavePath: async (suggestedName) => {
        const options = { defaultPath: path.join(app.getPath('documents'), suggestedName) };
        const res = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return res.canceled || !res.filePath ? null : res.filePath;
      },
      openExternal: async (url) => {
        if (isAllowedExternalUrl(url)) await shell.openExternal(url);
      },
      openBoardWindow: async (displayIndex) => {
        const displays = screen.getAllDisplays();
        const primary = screen.getPrimaryDisplay();
        const target = (displayIndex !== undefined ? displays[displayIndex] : displays.find((d) => d.id !== primary.id)) ?? primary;
        if (board && !board.isDestroyed()) board.close();
        board = createBoardWindow(distDir, target.bounds, target.id !== primary.id);
        const id = board.webContents.id;
        ownIds.add(id);
        board.on('closed', () => ownIds.delete(id));
        return { opened: true, displays: displays.length };
      },
      openSurveyWindow: async (displayIndex) => {
        const displays = screen.getAllDisplays();
        const primary = screen.getPrimaryDisplay();
        const target = (displayIndex !== undefined ? displays[displayIndex] : displays.find((d) => d.id !== primary.id)) ?? primary;
        if (survey && !survey.isDestroyed()) survey.close();
        const ownDisplay = target.id !== primary.id;
        const { x, y, width, height } = target.workArea;
        survey = createSurveyWindow(distDir, ownDisplay ? target.bounds : { x: x + Math.round(width / 4), y, width: Math.round(width / 2), height }, ownDisplay);
        const id = survey.webContents.id;
        ownIds.add(id);
        survey.on('closed', () => ownIds.delete(id));
        return { opened: true, displays: displays.length };
      },
    });
    win = createMainWindow(distDir);
    ownIds.add(win.webContents.id);
    registerIpc(loket.dispatch, loket.events, ownIds);
    // After sleep or a locked screen the network may be back: check and sync at once instead of waiting for the timer.
    const wake = () => {
      void loket?.status.probe(true).catch(() => undefined);
      loket?.sync.kick();
    };
    powerMonitor.on('resume', wake);
    powerMonitor.on('unlock-screen', wake);
  }).catch((e: unknown) => {
    console.error('Loket failed to start', e);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void loket?.close();
  });
}
