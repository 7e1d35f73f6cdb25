import { z } from 'zod';

/** Every string that crosses IPC is bounded: huge inputs are rejected before any work. */
export const MAX_INPUT_BYTES = 256 * 1024;

export const shortText = (max = 200) => z.string().max(max);
export const nonEmpty = (max = 200) => z.string().trim().min(1).max(max);
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/);

/** Central server address: http(s) only (a LAN server may be plain http). */
export const serverUrl = z
  .string()
  .trim()
  .max(200)
  .url()
  .refine((u) => /^https?:\/\/[^/?#]+/i.test(u), { message: 'must be an http(s) address' });
