import type { LoketApi } from '../../common/ipc/api';

/** window.loket as the preload (or the harness shim) defines it, for page.evaluate in tests. */
declare global {
  interface Window {
    loket?: LoketApi;
  }
}
export {};
