/**
 * Done-when of the applications feature, in real Chromium on the dev harness against the
 * reference server: an officer calls a ticket, serves and finishes it, verifies the documents of
 * Dukcapil "Penerbitan Kartu Keluarga" (live NIK validation, checklist, scans attached through the
 * file picker, image preview and rotation), registers the application, prints the receipt to the
 * virtual printer, finds it in the list, and later moves it to selesai and diambil. Also the
 * Layanan catalog with the full standard, and the English UI. Screenshots: tests/artifacts/applications-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { startQueueStack, type QueueStack } from '../support/queue-stack';
import { DEMO_PASSWORD } from '../support/stack';
import { makePdf, makePng } from '../support/sample-files';
import { tempDir } from '../support/temp';
import type { IssuedTicketSchema } from '../../common/ipc/channels/queue';
import type { z } from 'zod';

const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const VIEWPORT = { width: 1366, height: 768 };
type Station = 'frontdesk' | 'loket1';

describe('applications: call → verify documents → register → receipt → selesai → diambil', () => {
  let stack: QueueStack<Station>;
  let browser: Browser;
  let ctx: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const files = tempDir('loket-e2e-scans-');
  let ticketNumber = '';
  let regno = '';

  const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `applications-${name}.png`), animations: 'disabled', fullPage: false });

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(files.dir, 'formulir-f101.pdf'), makePdf('Formulir Biodata Keluarga F-1.01'));
    fs.writeFileSync(path.join(files.dir, 'kk-lama.png'), makePng({ width: 480, height: 300, color: [30, 110, 60] }));
    fs.writeFileSync(path.join(files.dir, 'buku-nikah.png'), makePng({ width: 300, height: 420, color: [150, 60, 40] }));
    fs.writeFileSync(path.join(files.dir, 'palsu.pdf'), makePng({ width: 40, height: 40 }));
    stack = await startQueueStack<Station>(['frontdesk', 'loket1']);
    browser = await launchChromium();
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
    files.cleanup();
  });

  it('the officer calls, serves and finishes a Penerbitan Kartu Keluarga ticket', async () => {
    const desk = stack.stations.frontdesk.loket;
    const signed = await desk.dispatch('auth.signIn', { username: 'resepsionis', password: DEMO_PASSWORD });
    expect(signed.ok).toBe(true);
    const issued = await desk.dispatch('queue.issue', { serviceId: 'sv-dukcapil-kk', category: 'normal' });
    if (!issued.ok) throw new Error(issued.error.messageEn);
    ticketNumber = (issued.value as z.infer<typeof IssuedTicketSchema>).ticket.number;

    await page.goto(stack.stations.loket1.url);
    await page.getByTestId('signin-username').locator('input').fill('petugas.dukcapil');
    await page.getByTestId('signin-password').locator('input').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('counter-option-ct-01').click();
    await page.getByTestId('app-shell').waitFor();
    await page.getByTestId('nav-counter-queue').click();
    await page.getByTestId(`counter-row-${ticketNumber}`).waitFor({ timeout: 30_000 });
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('counter-current').getAttribute('data-number')).toBe(ticketNumber);
    await page.keyboard.press('F4');
    await expect.poll(() => page.getByTestId('counter-current').getAttribute('data-status')).toBe('serving');
    await page.keyboard.press('F5');
    await page.getByTestId('counter-next-step-button').click();
    await page.getByTestId('verify-page').waitFor();
    expect(await page.getByTestId('verify-ticket').innerText()).toContain(ticketNumber);
    await expect.poll(() => page.getByTestId('verify-standard').innerText()).toMatch(/versi 1 · 1 hari kerja · Gratis/);
  });

  it('verifies the documents: live NIK validation, checklist, scans by file picker, preview and rotation', async () => {
    await page.getByTestId('verify-name').locator('input').fill('Siti Aminah');
    const nik = page.getByTestId('verify-nik').locator('input');
    await nik.fill('3174053207900001'); // day 32: impossible
    await expect.poll(() => page.getByTestId('verify-nik-info').innerText()).toMatch(/tidak valid/);
    await nik.fill('3174054507900001');
    await expect.poll(() => page.getByTestId('verify-nik-info').innerText()).toMatch(/Perempuan, lahir Kamis, 5 Juli 1990/);
    await page.getByTestId('verify-phone').locator('input').fill('0812 3456 7890');
    await expect.poll(() => page.getByTestId('verify-phone').innerText()).toContain('+6281234567890');

    // Not registrable while a mandatory requirement is not valid.
    expect(await page.getByTestId('register-button').isDisabled()).toBe(true);

    // A PNG renamed to .pdf is refused with a clear message.
    await page.getByTestId('req-F101-file').setInputFiles(path.join(files.dir, 'palsu.pdf'));
    await expect.poll(() => page.getByTestId('verify-error').innerText()).toMatch(/isinya PNG/);

    await page.getByTestId('req-F101-file').setInputFiles(path.join(files.dir, 'formulir-f101.pdf'));
    await page.getByTestId('scan-formulir-f101.pdf').waitFor();
    await page.getByTestId('req-KK-LAMA-file').setInputFiles(path.join(files.dir, 'kk-lama.png'));
    await page.getByTestId('scan-kk-lama.png').getByTestId('scan-preview').waitFor();
    await page.getByTestId('req-NIKAH-file').setInputFiles(path.join(files.dir, 'buku-nikah.png'));
    await page.getByTestId('scan-buku-nikah.png').getByTestId('scan-preview').waitFor();
    await page.getByTestId('scan-buku-nikah.png').getByTestId('scan-rotate').click();
    await expect.poll(() => page.getByTestId('scan-buku-nikah.png').getByTestId('scan-preview').getAttribute('style')).toMatch(/rotate\(90deg\)/);
    expect(await page.getByTestId('scan-formulir-f101.pdf').getByTestId('scan-sha256').innerText()).toMatch(/[0-9a-f]{64}/);
    // Attaching marks the requirement as present; the officer then declares each valid.
    expect(await page.getByTestId('req-F101').getAttribute('data-state')).toBe('present');
    for (const code of ['F101', 'KK-LAMA', 'NIKAH']) await page.getByTestId(`req-${code}-state-valid`).click();
    await expect.poll(() => page.getByTestId('verify-summary').innerText()).toMatch(/Semua persyaratan wajib sah/);
    await shot('verify');
  });

  it('registers with F2, prints the receipt to the virtual printer', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('F2');
    const panel = page.getByTestId('registered-panel');
    await panel.waitFor({ timeout: 20_000 });
    regno = (await page.getByTestId('registered-regno').innerText()).trim();
    expect(regno).toMatch(/^DUKCAPIL-\d{6}-L01-0001-[0-9A-Z]$/);
    expect(await panel.getAttribute('data-status')).toBe('diverifikasi');
    await expect.poll(() => page.getByTestId('print-outcome').getAttribute('data-ok')).toBe('true');
    const printerDir = path.join(path.dirname(stack.stations.loket1.loket.documents.dir), 'printer');
    const texts = fs.readdirSync(printerDir).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(printerDir, f), 'utf8'));
    expect(texts.some((x) => x.includes(regno))).toBe(true);
    await shot('registered');
  });

  it('finds it in the list (masked NIK) and moves it to selesai and diambil', async () => {
    await page.getByTestId('open-detail-button').click();
    await page.getByTestId('application-detail').waitFor();
    expect(await page.getByTestId('detail-nik').innerText()).toBe('3174054507900001');
    await page.getByTestId('applications-back').click();
    await page.getByTestId('applications-search').locator('input').fill(regno.toLowerCase());
    const row = page.getByTestId(`application-row-${regno}`);
    await row.waitFor();
    expect(await row.innerText()).toContain('3174••••••••0001');
    await shot('list');
    await row.click();
    await page.getByTestId('status-action-diproses').click();
    await expect.poll(() => page.getByTestId('application-detail').getAttribute('data-status')).toBe('diproses');
    await page.getByTestId('status-action-selesai').click();
    await expect.poll(() => page.getByTestId('application-detail').getAttribute('data-status')).toBe('selesai');
    await page.getByTestId('status-action-diambil').click();
    await expect.poll(() => page.getByTestId('application-detail').getAttribute('data-status')).toBe('diambil');
    expect(await page.getByTestId('detail-history').innerText()).toMatch(/Sudah diambil · Siti Rahmawati/);
    await shot('detail');
  });

  it('shows the service catalog with the full standard, and the screens in English', async () => {
    await page.getByTestId('nav-services').click();
    await page.getByTestId('services-search').locator('input').fill('buku nikah');
    await page.getByTestId('service-item-sv-dukcapil-kk').click();
    await expect.poll(() => page.getByTestId('service-standard').innerText()).toMatch(/Formulir Biodata Keluarga \(F-1\.01\)/);
    expect(await page.getByTestId('standard-fee').innerText()).toBe('Gratis');
    await shot('services');
    await page.getByTestId('services-agency').click();
    await page.getByRole('option', { name: 'Semua instansi' }).click();
    await page.getByTestId('services-search').locator('input').fill('paspor baru');
    await page.getByTestId('service-item-sv-imigrasi-paspor-baru').click();
    await expect.poll(() => page.getByTestId('standard-fee').innerText()).toMatch(/Rp 350\.000.*Rp 650\.000/);
    expect(await page.getByTestId('service-standard').innerText()).toMatch(/PP No\. 28 Tahun 2019/);

    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('service-standard').innerText()).toMatch(/Completion time/);
    await shot('services-en');
    await page.getByTestId('nav-applications').click();
    await page.getByTestId('applications-new').click();
    await page.getByTestId('verify-page').waitFor();
    await expect.poll(() => page.getByTestId('verify-summary').innerText()).toMatch(/mandatory requirement\(s\) not valid/);
    await shot('verify-en');
    await page.getByTestId('language-id').click();
    expect(errors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
