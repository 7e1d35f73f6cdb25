/**
 * Chromium with a fake camera for the camera-capture tests: `--use-fake-device-for-media-stream`
 * supplies a synthetic video device (a moving test pattern), `--use-fake-ui-for-media-stream`
 * answers the permission prompt with "allow". Otherwise the same launch as ./browser.ts.
 */
import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './browser';

export function launchChromiumWithCamera(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=id-ID',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
    ],
  });
}
