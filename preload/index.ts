/** The preload: exposes exactly one object, window.loket, and nothing of Electron. */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridgeApi } from './bridge';

contextBridge.exposeInMainWorld('loket', createBridgeApi(ipcRenderer));
