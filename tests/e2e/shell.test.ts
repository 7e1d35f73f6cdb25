/**
 * End to end in real Chromium: the production renderer build, the real main-process
 * services under Node (dev harness) and the real reference server with the demo mall.
 */
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';

const ARTIFACTS = path.resolve(__dirname, '../artifacts');

describe('officer sign-in and shell in Chromium', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startStack();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'id-ID' });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('shows the sign-in screen in Indonesian', async () => {
    await page.goto(stack.harness.url);
    await page.getByTestId('signin-username').waitFor();
    await expect.poll(() => page.getByTestId('signin-connection').innerText()).toMatch(/Terhubung/);
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/Masuk/);
    expect(text).toMatch(/Kata sandi/i);
    await page.screenshot({ path: path.join(ARTIFACTS, 'signin-id.png'), animations: 'disabled' });
  });

  it('rejects a wrong password with an Indonesian message', async () => {
    await page.getByTestId('signin-username').locator('input').fill('petugas.dukcapil');
    await page.getByTestId('signin-password').locator('input').fill('salah-sekali-123');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('signin-error').innerText()).toMatch(/salah/i);
  });

  it('signs an officer in, asks for the counter, and shows the shell with the status bar', async () => {
    await page.getByTestId('signin-password').locator('input').fill(DEMO_PASSWORD);
    await page.getByTestId('signin-submit').click();
    await page.getByTestId('counter-dialog').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'counter-dialog-id.png'), animations: 'disabled' });
    await page.getByTestId('counter-dialog').getByRole('button').first().click();
    await page.getByTestId('app-shell').waitFor();
    await page.getByTestId('counter-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('status-bar').innerText()).toMatch(/Siti Rahmawati/);
    await expect.poll(() => page.getByTestId('status-connection').innerText()).toMatch(/Terhubung|Daring|Online/i);
    const bar = await page.getByTestId('status-bar').innerText();
    expect(bar).toMatch(/Loket/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'shell-officer-id.png'), animations: 'disabled' });
  });

  it('navigates by keyboard and locks with Ctrl+L, unlocking with the password', async () => {
    await page.keyboard.press('Alt+2');
    await page.keyboard.press('Control+l');
    await page.getByTestId('lock-screen').waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'lock-id.png'), animations: 'disabled' });
    await page.getByTestId('unlock-password').locator('input').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('app-shell').waitFor();
    expect(await page.getByTestId('lock-screen').count()).toBe(0);
  });

  it('shows the status bar going offline when the server stops', async () => {
    await stack.stopServer();
    await page.keyboard.press('Control+Shift+S');
    await expect.poll(() => page.getByTestId('status-connection').innerText(), { timeout: 15_000 }).toMatch(/Luring|Offline|Terputus/i);
    await page.screenshot({ path: path.join(ARTIFACTS, 'shell-offline-id.png'), animations: 'disabled' });
  });

  it('signs out and signs back in offline with the cached credential', async () => {
    await page.getByTestId('signout').click();
    await page.getByTestId('signin-username').waitFor();
    await page.getByTestId('signin-username').locator('input').fill('petugas.dukcapil');
    await page.getByTestId('signin-password').locator('input').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('app-shell').waitFor();
    const session = await page.evaluate(async () => {
      const r = await window.loket!.auth.session({});
      return r.ok ? r.value?.mode : null;
    });
    expect(session).toBe('offline');
  });

  it('refuses harness sockets without the run token or from another origin', async () => {
    const base = stack.harness.url.replace('http:', 'ws:').replace('/index.html', '/__harness/ipc');
    const attempt = (url: string, origin: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(url, { headers: { origin } });
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('error', () => resolve('refused'));
        ws.on('unexpected-response', () => resolve('refused'));
      });
    const origin = new URL(stack.harness.url).origin;
    expect(await attempt(`${base}?token=wrong`, origin)).toBe('refused');
    expect(await attempt(`${base}`, origin)).toBe('refused');
  });

  it('logged no errors in the page', () => {
    expect(consoleErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
