/** Registers the single invoke channel; every call passes the sender check first. */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../../common/ipc/contract';
import { LoketError, err } from '../../common/ipc/result';
import { APP_ORIGIN } from '../security/origins';
import { isTrustedSender } from '../security/sender';
import type { Dispatch } from '../ipc/dispatch';
import type { EventBus } from '../ipc/event-bus';

export function registerIpc(dispatch: Dispatch, events: EventBus, ownWebContentsIds: ReadonlySet<number>): () => void {
  ipcMain.handle(IPC_INVOKE, (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => {
    const frame = event.senderFrame;
    const trusted = isTrustedSender(
      { frameUrl: frame?.url, isMainFrame: frame !== null && frame.parent === null, webContentsId: event.sender.id },
      ownWebContentsIds,
      [APP_ORIGIN],
    );
    if (!trusted) {
      return err(new LoketError('BAD_SENDER', 'Permintaan ditolak.', 'Request refused: unknown sender.').toAppError());
    }
    return dispatch(typeof channel === 'string' ? channel : '', input);
  });
  const unsubscribe = events.subscribe((name, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (ownWebContentsIds.has(win.webContents.id)) win.webContents.send(IPC_EVENT, name, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE);
    unsubscribe();
  };
}
