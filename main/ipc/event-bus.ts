/** Main → renderer events; the Electron shell and the dev harness each forward them to their windows. */
import type { EventName, EventPayload } from '../../common/ipc/contract';

type Listener = (name: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<Listener>();
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const l of this.listeners) l(name, payload);
  }
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
