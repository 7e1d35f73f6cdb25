/**
 * Builds the API the preload exposes, from any object shaped like ipcRenderer.
 * Kept free of the electron import so tests can drive it with a fake. The
 * renderer never sees ipcRenderer or an IpcRendererEvent: listeners receive the payload only.
 */
import { buildApi, type LoketApi } from '../common/ipc/api';
import { IPC_EVENT, IPC_INVOKE, isEventName } from '../common/ipc/contract';
import type { Result } from '../common/ipc/result';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridgeApi(ipc: IpcRendererLike): LoketApi {
  return buildApi({
    invoke: (channel, input) => ipc.invoke(IPC_INVOKE, channel, input) as Promise<Result<unknown>>,
    subscribe: (event, listener) => {
      if (!isEventName(event)) return () => undefined;
      const wrapped = (_e: unknown, name: unknown, payload: unknown) => {
        if (name === event) listener(payload);
      };
      ipc.on(IPC_EVENT, wrapped);
      return () => {
        ipc.removeListener(IPC_EVENT, wrapped);
      };
    },
  });
}
