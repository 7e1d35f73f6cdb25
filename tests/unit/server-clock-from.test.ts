import { describe, expect, it } from 'vitest';
import { clockFrom } from '../../server/src/main';

describe('the server CLI clock (--clock-from)', () => {
  it('starts at the given instant and runs at the real pace', async () => {
    const now = clockFrom('2026-03-02T01:00:00Z');
    const first = now().getTime();
    expect(first - Date.parse('2026-03-02T01:00:00Z')).toBeGreaterThanOrEqual(0);
    expect(first - Date.parse('2026-03-02T01:00:00Z')).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 30));
    expect(now().getTime() - first).toBeGreaterThanOrEqual(25);
  });

  it('refuses what is not an instant, with an example', () => {
    expect(() => clockFrom('senin pagi')).toThrow(/ISO instant such as 2026-03-02T01:00:00Z/);
  });
});
