/**
 * The supervisor in real Chromium: signs in, the installation holds a simulated week of the
 * demo mall (arrivals through the day, all agencies and counters), opens the Dasbor for a day
 * and sees the figures an independent computation gives; drills down, signs off, exports XLSX;
 * the SKM page shows the index; a visitor answers the survey on the kiosk screen (#survey).
 * Screenshots: tests/artifacts/supervisor-*.png.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser';
import { DEMO_PASSWORD, startStack, type Stack } from '../support/stack';
import { dayList, expectedFigures, simMallFromCatalog, simulateDay, writeDay, type SimDay, type SimMall } from '../support/mall-simulation';

const ARTIFACTS = path.resolve(__dirname, '../artifacts');
const VIEWPORT = { width: 1366, height: 768 };
const DAY = '2026-03-11';
const NOW = new Date('2026-03-11T09:30:00.000Z'); // 16:30 WIB

describe('supervisor: dashboard of a simulated day, SKM and the survey kiosk', () => {
  let stack: Stack;
  let browser: Browser;
  let page: Page;
  let mall: SimMall;
  const days = new Map<string, SimDay>();
  const errors: string[] = [];

  const shot = (p: Page, name: string) => p.screenshot({ path: path.join(ARTIFACTS, `supervisor-${name}.png`), animations: 'disabled' });
  const kpi = (id: string) => page.getByTestId(`dashboard-kpi-${id}`);
  const fmt = (v: number, digits = 0) => v.toLocaleString('id-ID', { minimumFractionDigits: digits, maximumFractionDigits: digits });

  beforeAll(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    stack = await startStack({ now: () => NOW });
    browser = await launchChromium();
    const ctx = await browser.newContext({ viewport: VIEWPORT, locale: 'id-ID' });
    page = await ctx.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('signs in as the supervisor; the installation then holds a simulated week', async () => {
    await page.goto(stack.harness.url);
    await page.getByTestId('signin-username').locator('input').fill('supervisor');
    await page.getByTestId('signin-password').locator('input').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('app-shell').getAttribute('data-role'), { timeout: 20_000 }).toBe('supervisor');

    const db = stack.harness.loket.db;
    const agencies = (await db('agencies').select('id', 'code', 'name')) as { id: string; code: string; name: string }[];
    const services = ((await db('services').select('id', 'agency_id', 'code', 'name')) as { id: string; agency_id: string; code: string; name: string }[]).map((s) => ({ ...s, agencyId: s.agency_id }));
    const counters = ((await db('counters').select('id', 'agency_id', 'number', 'name')) as { id: string; agency_id: string; number: number; name: string }[]).map((c) => ({ ...c, agencyId: c.agency_id }));
    const mallName = ((await db('settings').where({ key: 'mallName' }).first('value')) as { value: string }).value;
    expect(agencies.length).toBeGreaterThanOrEqual(5);
    mall = simMallFromCatalog({ mallName, agencies, services, counters });
    await db('supervisor_service_targets').insert(mall.services.map((s) => ({ service_id: s.id, target_wait_minutes: s.targetWaitMin, sla_working_days: s.slaDays })));
    for (const d of dayList('2026-03-02', 10)) {
      const sim = simulateDay(mall, d, { visitorsPerDay: 260, seed: 11, now: NOW });
      days.set(d, sim);
      await writeDay(db, sim);
    }
  });

  it('opens the Dasbor for the day and sees the independently computed figures', async () => {
    await page.getByTestId('nav-dashboard').click();
    await expect.poll(() => page.getByTestId('dashboard-page').isVisible()).toBe(true);
    await page.getByTestId('dashboard-from').locator('input').fill(DAY);
    await page.getByTestId('dashboard-to').locator('input').fill(DAY);
    const tickets = days.get(DAY)?.tickets ?? [];
    const target = (id: string) => mall.services.find((s) => s.id === id)?.targetWaitMin ?? 30;
    const exp = expectedFigures(tickets, target);
    await expect.poll(() => kpi('issued').getAttribute('data-value'), { timeout: 15_000 }).toBe(fmt(exp.issued));
    expect(await kpi('served').getAttribute('data-value')).toBe(fmt(exp.served));
    expect(await kpi('noShows').getAttribute('data-value')).toBe(fmt(exp.noShows));
    expect(await kpi('transferred').getAttribute('data-value')).toBe(fmt(exp.transferred));
    expect(await kpi('waitingMedian').getAttribute('data-value')).toBe(`${fmt(exp.waiting.median ?? 0, 1)} mnt`);
    expect(await kpi('serviceMedian').getAttribute('data-value')).toBe(`${fmt(exp.service.median ?? 0, 1)} mnt`);
    expect(await kpi('withinTarget').getAttribute('data-value')).toBe(`${fmt((exp.withinTarget ?? 0) * 100, 1)}%`);
    expect(await page.getByTestId('dashboard-duration-walking-p90').textContent()).toBe(fmt(exp.walking.p90 ?? 0, 1));
    expect(await page.getByTestId('dashboard-freshness').getAttribute('data-state')).toBe('never');
    await expect.poll(() => page.locator('[data-testid="dashboard-hours"] svg rect').count()).toBeGreaterThan(5);
    await shot(page, 'dashboard-id');
    for (const part of ['hours', 'breakdown', 'officers', 'apps'] as const) {
      const el = page.getByTestId(`dashboard-${part}`);
      await el.scrollIntoViewIfNeeded();
      await el.screenshot({ path: path.join(ARTIFACTS, `supervisor-dashboard-${part}.png`), animations: 'disabled' });
    }
  });

  it('drills down agency → service and back', async () => {
    const dukcapil = mall.agencies.find((a) => a.code === 'DUKCAPIL') ?? mall.agencies[0];
    await page.getByTestId('dashboard-breakdown').getByRole('gridcell', { name: dukcapil?.name ?? '' }).first().click();
    const tickets = (days.get(DAY)?.tickets ?? []).filter((t) => t.agencyId === dukcapil?.id);
    const exp = expectedFigures(tickets, () => 30);
    await expect.poll(() => kpi('issued').getAttribute('data-value')).toBe(fmt(exp.issued));
    expect(await page.getByTestId('dashboard-scope-1').textContent()).toBe(dukcapil?.name);
    await shot(page, 'dashboard-drill');
    await page.getByTestId('dashboard-scope-0').click();
    await expect.poll(() => kpi('issued').getAttribute('data-value')).toBe(fmt(expectedFigures(days.get(DAY)?.tickets ?? [], () => 30).issued));
  });

  it('signs off the day and exports it as XLSX', async () => {
    await page.getByTestId('dashboard-signoff').click();
    await page.getByTestId('signoff-note').locator('textarea').first().fill('Rekap sesuai laporan loket.');
    await page.getByTestId('signoff-confirm').click();
    await expect.poll(() => page.getByTestId('dashboard-signed').textContent()).toContain('Bambang Wijaya');
    await page.getByTestId('dashboard-export-xlsx').click();
    await expect.poll(() => page.getByTestId('dashboard-export-result').textContent()).toContain('.xlsx');
    const text = (await page.getByTestId('dashboard-export-result').textContent()) ?? '';
    const file = text.slice(text.indexOf(':') + 1).trim();
    expect(fs.statSync(file).size).toBeGreaterThan(5000);
    await shot(page, 'dashboard-signed');
  });

  it('shows the dashboard in English too', async () => {
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('dashboard-kpi-issued').textContent()).toContain('Tickets issued');
    await shot(page, 'dashboard-en');
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-id').click();
  });

  it('SKM page: the index per service, agency and mall', async () => {
    await page.getByTestId('nav-skm').click();
    await page.getByTestId('skm-from').locator('input').fill('2026-03-02');
    await page.getByTestId('skm-to').locator('input').fill(DAY);
    await expect.poll(() => page.getByTestId('skm-mall').getAttribute('data-ikm'), { timeout: 15_000 }).not.toBe('');
    const ikm = Number(await page.getByTestId('skm-mall').getAttribute('data-ikm'));
    expect(ikm).toBeGreaterThan(25);
    expect(ikm).toBeLessThanOrEqual(100);
    await shot(page, 'skm');
  });

  it('a visitor answers the survey on the kiosk screen', async () => {
    const kiosk = await (await browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'id-ID' })).newPage();
    // Same installation (the counter's second screen, already signed in): the survey route.
    await kiosk.goto(`${stack.harness.url}#survey`);
    await expect.poll(() => kiosk.getByTestId('survey-screen').isVisible(), { timeout: 20_000 }).toBe(true);
    await kiosk.getByTestId('survey-service').click();
    const first = mall.services[0];
    await kiosk.getByTestId(`survey-service-${first?.id ?? ''}`).click();
    await kiosk.getByTestId('survey-start').click();
    await expect.poll(() => kiosk.getByTestId('survey-question-U1').isVisible()).toBe(true);
    await shot(kiosk, 'survey-question');
    for (let i = 0; i < 9; i++) await kiosk.getByTestId(`survey-answer-${i === 8 ? 2 : 4}`).click();
    await kiosk.getByTestId('survey-suggestion').locator('textarea').first().fill('Pelayanan cepat dan ramah.');
    await shot(kiosk, 'survey-final');
    await kiosk.getByTestId('survey-submit').click();
    await expect.poll(() => kiosk.getByTestId('survey-thanks').isVisible()).toBe(true);
    await shot(kiosk, 'survey-thanks');
    const row = (await stack.harness.loket.db('skm_responses').where({ suggestion: 'Pelayanan cepat dan ramah.' }).first()) as Record<string, unknown>;
    expect(row).toMatchObject({ service_id: first?.id, u1: 4, u9: 2 });
    // Queued for sync with the answer (the engine may already be pushing it); after a sync the
    // server has accepted it and its confirmed copy came back.
    expect((await stack.harness.loket.dispatch('sync.now', {})).ok).toBe(true);
    expect(await stack.harness.loket.db('outbox').where({ kind: 'survey.submit' }).count({ n: '*' }).first()).toEqual({ n: 0 });
    expect(await stack.harness.loket.db('skm_responses').where({ id: row.id }).first('version')).toEqual({ version: 1 });
  });

  it('had no page errors', () => {
    expect(errors.filter((e) => !/favicon|Failed to load resource/.test(e))).toEqual([]);
  });
});
