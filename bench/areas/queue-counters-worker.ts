/**
 * The 50 counters of the queue bench's server claim, run in a worker thread: real counters
 * are other machines, so their HTTP clients must not share the server's event loop (they
 * would add their own CPU time to every latency measured). Each counter loops: call-next
 * (timed; lean, as the counter app asks), then start (lean, as the app asks), until the
 * shared budget of claims is spent. Posts back the samples and the wall time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { call } from '../../tests/integration/server-helpers';

export interface CountersJob {
  url: string;
  token: string;
  counters: string[];
  claims: number;
  /** 0: closed loop; otherwise a random 0–2×pacedMs pause before each call. */
  pacedMs: number;
}

export interface CountersResult {
  samples: number[];
  seconds: number;
  error: string | null;
}

async function run(job: CountersJob): Promise<CountersResult> {
  const samples: number[] = [];
  let remaining = job.claims;
  const t0 = performance.now();
  try {
    await Promise.all(
      job.counters.map(async (counterId) => {
        while (remaining-- > 0) {
          if (job.pacedMs > 0) await new Promise((r) => setTimeout(r, Math.random() * 2 * job.pacedMs));
          const s = performance.now();
          const r = await call(job.url, 'POST', `/api/v1/queue/counters/${counterId}/call-next`, { token: job.token, body: { view: 'lean' } });
          samples.push(performance.now() - s);
          if (r.status !== 200) throw new Error(`claim failed: ${r.text}`);
          const current = (r.json as { current: { id: string } | null }).current;
          if (!current) return;
          const st = await call(job.url, 'POST', `/api/v1/queue/tickets/${current.id}/events`, { token: job.token, body: { counterId, event: { type: 'start' }, view: 'lean' } });
          if (st.status !== 200) throw new Error(`start failed: ${st.text}`);
        }
      }),
    );
  } catch (e) {
    return { samples, seconds: (performance.now() - t0) / 1000, error: e instanceof Error ? e.message : String(e) };
  }
  return { samples, seconds: (performance.now() - t0) / 1000, error: null };
}

if (parentPort) {
  const port = parentPort;
  void run(workerData as CountersJob).then((r) => port.postMessage(r));
}
