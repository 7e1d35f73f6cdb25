/**
 * Test-only stand-in for the Electron preload: defines window.loket with the same
 * API (built by the same buildApi), carried over a loopback WebSocket to the real
 * main-process services running under Node. Served only by the dev harness.
 */
import { buildApi, type LoketApi } from '../../common/ipc/api';
import type { Channel, EventName } from '../../common/ipc/contract';
import type { Result } from '../../common/ipc/result';

declare global {
  interface Window {
    loket?: LoketApi;
  }
}

interface Reply {
  id?: number;
  result?: Result<unknown>;
  event?: EventName;
  payload?: unknown;
}

const script = document.currentScript as HTMLScriptElement | null;
const token = script ? new URL(script.src).searchParams.get('token') ?? '' : '';
const socket = new WebSocket(`ws://${location.host}/__harness/ipc?token=${encodeURIComponent(token)}`);
const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
const pending = new Map<number, (r: Result<unknown>) => void>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (msg: MessageEvent<string>) => {
  const reply = JSON.parse(msg.data) as Reply;
  if (reply.id !== undefined && reply.result) {
    pending.get(reply.id)?.(reply.result);
    pending.delete(reply.id);
  } else if (reply.event) {
    for (const l of listeners.get(reply.event) ?? []) l(reply.payload);
  }
});
socket.addEventListener('close', () => {
  for (const resolve of pending.values()) {
    resolve({ ok: false, error: { code: 'INTERNAL', message: 'Harness terputus.', messageEn: 'Harness disconnected.' } });
  }
  pending.clear();
});

window.loket = buildApi({
  async invoke(channel: Channel, input: unknown) {
    await opened;
    const id = nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, channel, input }));
    });
  },
  subscribe(event, listener) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener);
    listeners.set(event, set);
    return () => set.delete(listener);
  },
});
