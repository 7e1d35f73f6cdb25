/**
 * Derives the renderer-facing API object mechanically from the contract:
 * channel "auth.signIn" becomes api.auth.signIn(input). Used by the Electron
 * preload and by the dev harness shim, each with its own transport.
 */
import type { Result } from './result';
import {
  CHANNELS,
  type Channel,
  type EventName,
  type EventPayload,
  type Input,
  type Output,
} from './contract';

type AreaOf<C extends string> = C extends `${infer A}.${string}` ? A : never;
type MethodOf<C extends string, A extends string> = C extends `${A}.${infer M}` ? M : never;
type Area = AreaOf<Channel>;

export type ChannelFn<C extends Channel> = (input: Input<C>) => Promise<Result<Output<C>>>;

export type LoketApi = {
  [A in Area]: { [M in MethodOf<Channel, A>]: `${A}.${M}` extends Channel ? ChannelFn<`${A}.${M}`> : never };
} & {
  /** Subscribe to a main-process event; returns a function that really removes the listener. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export interface Transport {
  invoke(channel: Channel, input: unknown): Promise<Result<unknown>>;
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function buildApi(transport: Transport): LoketApi {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of CHANNELS) {
    const [area, method] = name.split('.') as [string, string];
    const group = (api[area] ??= {});
    group[method] = (input: unknown) => transport.invoke(name, input ?? {});
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => transport.subscribe(event, listener);
  return Object.freeze({ ...api, on }) as unknown as LoketApi;
}
