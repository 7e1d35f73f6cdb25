/**
 * Transport-independent IPC dispatch: the Electron shell and the dev harness both
 * call this one function, so validation and access rules cannot differ between them.
 * Order: known channel → size limit → zod parse (strict) → access → handler → output parse.
 */
import { z } from 'zod';
import { contract, isChannel, type Access, type Channel, type Output, type ParsedInput } from '../../common/ipc/contract';
import { MAX_INPUT_BYTES } from '../../common/ipc/limits';
import { LoketError, err, isLoketError, ok, type Result } from '../../common/ipc/result';
import type { Logger } from '../../node-shared/logger';

export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<Output<C>>;
};

export interface Gate {
  assertAccess(access: Access): Promise<void>;
  touch(): void;
}

export type Dispatch = (channel: string, rawInput: unknown) => Promise<Result<unknown>>;

function validationError(issues: z.core.$ZodIssue[]): LoketError {
  const first = issues[0];
  const field = first && first.path.length ? first.path.join('.') : '(input)';
  const detail = first?.message ?? 'invalid';
  return new LoketError(
    'VALIDATION',
    `Data tidak valid pada "${field}". Periksa kembali isian Anda.`,
    `Invalid input at "${field}": ${detail}.`,
    { field },
  );
}

function byteLength(value: unknown): number {
  try {
    return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
  } catch {
    return Number.POSITIVE_INFINITY; // cyclic or unserialisable: treat as too big
  }
}

export function createDispatch(handlers: Handlers, gate: Gate, log: Logger): Dispatch {
  return async (channel, rawInput) => {
    try {
      if (!isChannel(channel)) {
        throw new LoketError('UNKNOWN_CHANNEL', `Perintah tidak dikenal: ${channel.slice(0, 64)}`, `Unknown command: ${channel.slice(0, 64)}`);
      }
      if (byteLength(rawInput) > MAX_INPUT_BYTES) {
        throw new LoketError('VALIDATION', 'Data yang dikirim terlalu besar.', 'The data sent is too large.', { maxBytes: MAX_INPUT_BYTES });
      }
      const def = contract[channel];
      const parsed = def.input.safeParse(rawInput);
      if (!parsed.success) throw validationError(parsed.error.issues);
      await gate.assertAccess(def.access);
      if (!('passive' in def && def.passive)) gate.touch();
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      // Parsing the output strips anything a handler returned by mistake (hashes, tokens).
      const out = def.output.safeParse(value);
      if (!out.success) {
        log.error('handler returned an invalid value', { channel, issues: out.error.issues.length });
        throw new LoketError('INTERNAL', 'Terjadi galat internal.', 'An internal error occurred.');
      }
      return ok(out.data);
    } catch (e) {
      if (isLoketError(e)) return err(e.toAppError());
      log.error('unexpected error in handler', { channel: channel.slice(0, 64), error: e });
      return err(new LoketError('INTERNAL', 'Terjadi galat internal.', 'An internal error occurred.').toAppError());
    }
  };
}
