/** Electron entry point: everything Electron-specific lives in ./shell. */
import { startShell } from './shell/lifecycle';

startShell();
