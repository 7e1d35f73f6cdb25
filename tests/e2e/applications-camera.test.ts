/**
 * Camera capture in the verification checklist, in real Chromium with a fake camera
 * (tests/support/browser-camera.ts): "Kamera" opens a live preview, Space takes the photo, and the
 * JPEG goes through the same chunked upload as the file picker — stored encrypted in the local
 * database with its SHA-256 shown. Without a camera, or with the permission denied, the dialog
 * says so (getUserMedia is made to fail the way Chromium does). Screenshot:
 * tests/artifacts/applications-camera.png.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithCamera } from '../support/browser-camera';
import { startQueueStack, type QueueStack } from '../support/queue-stack';
import { DEMO_PASSWORD } from '../support/stack';

const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const VIEWPORT = { width: 1366, height: 768 };

describe('applications: camera capture of a document', () => {
  let stack: QueueStack<'loket1'>;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  const signInAndOpenForm = async (p: Page) => {
    await p.goto(stack.stations.loket1.url);
    // The harness keeps one session: a later page may find the officer already signed in.
    await p.locator('[data-testid="signin-screen"], [data-testid="app-shell"]').first().waitFor();
    if (await p.getByTestId('signin-screen').isVisible()) {
      await p.getByTestId('signin-username').locator('input').fill('petugas.dukcapil');
      await p.getByTestId('signin-password').locator('input').fill(DEMO_PASSWORD);
      await p.keyboard.press('Enter');
      await p.getByTestId('counter-option-ct-01').click();
    }
    await p.getByTestId('app-shell').waitFor();
    await p.getByTestId('nav-applications').click();
    await p.getByTestId('applications-new').click();
    await p.getByTestId('verify-page').waitFor();
    await p.getByTestId('verify-service').locator('[role="combobox"]').click();
    await p.getByRole('option', { name: 'Penerbitan Kartu Keluarga' }).click();
    await p.getByTestId('req-F101').waitFor();
  };

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startQueueStack(['loket1'] as const);
    browser = await launchChromiumWithCamera();
    ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'id-ID' });
    page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await ctx?.close().catch(() => undefined);
    await browser?.close();
    await stack?.close();
  });

  it('opens a live preview (video only) and Space stores the frame as an encrypted JPEG scan', async () => {
    await signInAndOpenForm(page);
    // Record what the page asks getUserMedia for: video, never audio.
    await page.evaluate(() => {
      const md = navigator.mediaDevices;
      const original = md.getUserMedia.bind(md);
      (window as unknown as { __gum: unknown[] }).__gum = [];
      md.getUserMedia = (c?: MediaStreamConstraints) => {
        (window as unknown as { __gum: unknown[] }).__gum.push(c);
        return original(c);
      };
    });
    await page.getByTestId('req-F101-camera').click();
    const dialog = page.getByTestId('camera-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.getAttribute('data-ready'), { timeout: 15_000 }).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { __gum: unknown[] }).__gum)).toEqual([{ video: true, audio: false }]);
    const size = await page.getByTestId('camera-video').evaluate((v: HTMLVideoElement) => [v.videoWidth, v.videoHeight]);
    expect(size[0]).toBeGreaterThan(0);
    expect(await page.getByTestId('camera-status').innerText()).toMatch(/Spasi atau Enter/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'applications-camera.png'), animations: 'disabled' });

    await page.keyboard.press('Space');
    await dialog.waitFor({ state: 'detached' });
    const scan = page.locator('[data-testid^="scan-kamera-f101-"]');
    await scan.waitFor({ timeout: 15_000 });
    await scan.getByTestId('scan-preview').waitFor();
    const shown = (await scan.getByTestId('scan-sha256').innerText()).match(/[0-9a-f]{64}/)?.[0];
    expect(shown).toBeTruthy();
    expect(await page.getByTestId('req-F101').getAttribute('data-state')).toBe('present');

    // Stored in the local database through the same upload path, encrypted at rest.
    const loket = stack.stations.loket1.loket;
    const row = (await loket.db('documents').where('file_name', 'like', 'kamera-f101-%').first()) as { id: string; sha256: string; mime: string; file_name: string; requirement_code: string } | undefined;
    expect(row).toMatchObject({ sha256: shown, mime: 'image/jpeg', requirement_code: 'F101' });
    const read = await loket.dispatch('documents.read', { id: row?.id ?? '', offset: 0 });
    if (!read.ok) throw new Error(read.error.messageEn);
    const { data, total } = read.value as { data: string; total: number };
    const bytes = Buffer.from(data, 'base64');
    expect(bytes.length).toBe(total);
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]); // JPEG SOI
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(shown);
    await page.screenshot({ path: path.join(ARTIFACTS, 'applications-camera-captured.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
  });

  for (const [name, code, text] of [
    ['NotFoundError', 'no-camera', /Tidak ada kamera yang terpasang.*No camera is connected/],
    ['NotAllowedError', 'denied', /Izin kamera ditolak.*Camera permission was denied/],
  ] as const) {
    it(`says so clearly in both languages on ${name} (${code})`, async () => {
      const c = await browser.newContext({ viewport: VIEWPORT, locale: 'id-ID' });
      try {
        await c.addInitScript((errName: string) => {
          navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('fake', errName));
        }, name);
        const p = await c.newPage();
        await signInAndOpenForm(p);
        await p.getByTestId('req-F101-camera').click();
        const err = p.getByTestId('camera-error');
        await err.waitFor();
        expect(await err.getAttribute('data-code')).toBe(code);
        expect(await err.innerText()).toMatch(text);
        expect(await p.getByTestId('camera-capture').isDisabled()).toBe(true);
        if (code === 'denied') await p.screenshot({ path: path.join(ARTIFACTS, 'applications-camera-denied.png'), animations: 'disabled' });
        await p.keyboard.press('Escape');
        await p.getByTestId('camera-dialog').waitFor({ state: 'detached' });
      } finally {
        await c.close();
      }
    });
  }
});
