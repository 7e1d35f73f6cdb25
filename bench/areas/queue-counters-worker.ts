/**
 * The 50 counters of the queue bench's server claim, run in a worker thread: real counters
 * are other machines, so their HTTP clients must not share the server's event loop (they
 * would add their own CPU time to every latency measured). Each counter loops: call-next
 * (timed; lean, as the counter app asks), then start (lean, as the app asks), until the
 * shared budget of claims is spent. Posts back the samples and the wall time.
 *
 * Each counter talks through its own instance of the app's ServerClient (node:http,
 * kept-alive socket, answers validated with the app's schemas) — what a counter sends and
 * does with the answer. Until this issue's profiling round the bench used the tests' fetch
 * helper, whose own CPU cost (~0.9 ms a request on the worker's one thread) was part of
 * every sample and capped the closed loop's throughput.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ServerCounterClaimSchema, TicketEventResponseSchema } from '../../common/server-api/queue';
import { ServerClient } from '../../main/server-link/server-client';

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
  /** Each counter's first call-next (its session opens; the server and its connections are cold). */
  firstSamples: number[];
  seconds: number;
  error: string | null;
}

async function run(job: CountersJob): Promise<CountersResult> {
  const samples: number[] = [];
  const firstSamples: number[] = [];
  let remaining = job.claims;
  const t0 = performance.now();
  const clients: ServerClient[] = [];
  try {
    await Promise.all(
      job.counters.map(async (counterId) => {
        const client = new ServerClient({ baseUrl: async () => job.url, timeoutMs: 30_000 });
        clients.push(client);
        let first = true;
        while (remaining-- > 0) {
          if (job.pacedMs > 0) await new Promise((r) => setTimeout(r, Math.random() * 2 * job.pacedMs));
          const s = performance.now();
          const claim = await client.request(ServerCounterClaimSchema, 'POST', `/api/v1/queue/counters/${counterId}/call-next`, { view: 'lean' }, job.token);
          (first ? firstSamples : samples).push(performance.now() - s);
          first = false;
          if (!claim.current) return;
          await client.request(TicketEventResponseSchema, 'POST', `/api/v1/queue/tickets/${claim.current.id}/events`, { counterId, event: { type: 'start' }, view: 'lean' }, job.token);
        }
      }),
    );
  } catch (e) {
    const detail = e instanceof Error ? `${e.message}${'messageEn' in e ? ` (${String(e.messageEn)})` : ''}` : String(e);
    return { samples, firstSamples, seconds: (performance.now() - t0) / 1000, error: detail };
  } finally {
    for (const c of clients) c.close();
  }
  return { samples, firstSamples, seconds: (performance.now() - t0) / 1000, error: null };
}

if (parentPort) {
  const port = parentPort;
  void run(workerData as CountersJob).then((r) => port.postMessage(r));
}
