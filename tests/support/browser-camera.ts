/**
 * Chromium with a fake camera for the camera-capture tests: `--use-fake-device-for-media-stream`
 * supplies a synthetic video device (a moving test pattern), `--use-fake-ui-for-media-stream`
 * answers the permission prompt with "allow". Otherwise the same launch as ./browser.ts.
 */
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';

export const launchChromiumWithCamera = (): Promise<Browser> =>
  launchChromium(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream']);
