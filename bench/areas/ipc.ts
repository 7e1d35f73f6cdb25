/**
 * ipc: the round trip of a trivial contract call from the real renderer page in
 * Chromium through the harness transport and the dispatcher (p50/p99), the bare
 * dispatcher cost, and the time from loading the renderer to an interactive sign-in.
 */
import { launchChromium } from '../../tests/support/browser';
import { startStack } from '../../tests/support/stack';
import '../../tests/support/globals';
import { percentile, round, type Figures } from '../report';

const CALLS = 2000;

export async function benchIpc(): Promise<Figures> {
  const stack = await startStack();
  const browser = await launchChromium();
  try {
    // Startup: several cold page loads, median reported.
    const startups: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await browser.newPage();
      const t0 = Date.now();
      await page.goto(stack.harness.url);
      await page.getByTestId('signin-username').locator('input').waitFor({ state: 'visible' });
      await page.getByTestId('signin-username').locator('input').focus();
      startups.push(Date.now() - t0);
      await page.close();
    }
    const page = await browser.newPage();
    await page.goto(stack.harness.url);
    await page.getByTestId('signin-username').waitFor();
    const samples = await page.evaluate(async (n) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await window.loket!.app.ping({});
        out.push(performance.now() - t);
      }
      return out;
    }, CALLS);
    samples.sort((a, b) => a - b);

    const direct: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t = performance.now();
      await stack.harness.loket.dispatch('app.ping', {});
      direct.push(performance.now() - t);
    }
    direct.sort((a, b) => a - b);
    startups.sort((a, b) => a - b);
    return {
      'ipc.roundtrip_p50_ms': round(percentile(samples, 50)),
      'ipc.roundtrip_p99_ms': round(percentile(samples, 99)),
      'ipc.dispatch_p50_ms': round(percentile(direct, 50)),
      'ipc.dispatch_p99_ms': round(percentile(direct, 99)),
      'startup.renderer_ms': percentile(startups, 50),
    };
  } finally {
    await browser.close();
    await stack.close();
  }
}
