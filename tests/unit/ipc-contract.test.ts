import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { CHANNELS, IPC_EVENT, IPC_INVOKE, contract, events } from '../../common/ipc/contract';
import { createHandlers, type HandlerDeps } from '../../main/app/handlers';
import { createBridgeApi } from '../../preload/bridge';

class FakeIpc extends EventEmitter {
  calls: unknown[][] = [];
  invoke(...args: unknown[]) {
    this.calls.push(args);
    return Promise.resolve({ ok: true, value: null });
  }
}

describe('IPC contract', () => {
  it('has exactly one handler per channel and no handler without a channel', () => {
    const handlers = createHandlers({} as HandlerDeps);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });

  it('gives every channel exactly one preload method that invokes that channel', async () => {
    const ipc = new FakeIpc();
    const api = createBridgeApi(ipc) as unknown as Record<string, unknown>;
    const methods: string[] = [];
    for (const [area, group] of Object.entries(api)) {
      if (area === 'on') continue;
      for (const [method, fn] of Object.entries(group as Record<string, (i: unknown) => Promise<unknown>>)) {
        methods.push(`${area}.${method}`);
        await fn({ probe: true });
      }
    }
    expect(methods.sort()).toEqual([...CHANNELS].sort());
    expect(ipc.calls.map((c) => c[1]).sort()).toEqual([...CHANNELS].sort());
    for (const call of ipc.calls) {
      expect(call[0]).toBe(IPC_INVOKE);
      expect(call[2]).toEqual({ probe: true });
    }
  });

  it('declares strict input schemas: extra fields are rejected on every object channel', () => {
    for (const name of CHANNELS) {
      const res = contract[name].input.safeParse({ __proto_pollution: 1, extra: 'x' });
      expect(res.success, name).toBe(false);
    }
  });

  it('delivers only the payload to listeners and really removes them', () => {
    const ipc = new FakeIpc();
    const api = createBridgeApi(ipc);
    const seen: unknown[] = [];
    const off = api.on('status.changed', (payload) => seen.push(payload));
    expect(ipc.listenerCount(IPC_EVENT)).toBe(1);
    ipc.emit(IPC_EVENT, { sender: 'secret event object' }, 'status.changed', { connection: 'online' });
    ipc.emit(IPC_EVENT, {}, 'session.changed', null);
    expect(seen).toEqual([{ connection: 'online' }]);
    off();
    expect(ipc.listenerCount(IPC_EVENT)).toBe(0);
    ipc.emit(IPC_EVENT, {}, 'status.changed', { connection: 'offline' });
    expect(seen).toHaveLength(1);
  });

  it('ignores subscriptions to events the contract does not declare', () => {
    const ipc = new FakeIpc();
    const api = createBridgeApi(ipc);
    const off = (api.on as (e: string, l: () => void) => () => void)('not.an.event', () => undefined);
    expect(ipc.listenerCount(IPC_EVENT)).toBe(0);
    off();
    expect(Object.keys(events).length).toBeGreaterThan(0);
  });
});
