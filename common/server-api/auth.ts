/** Wire types of the central server's HTTP API (v1), shared by server and counter. */
import { z } from 'zod';
import { ERROR_CODES } from '../ipc/result';
import { RoleSchema } from '../domain/roles';

export const API_PREFIX = '/api/v1';

export const LoginRequestSchema = z
  .object({
    username: z.string().trim().min(1).max(64),
    password: z.string().min(1).max(256),
    installationId: z.string().min(1).max(64).optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const ServerOfficerSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
  agencyId: z.string().nullable(),
  agencyName: z.string().nullable(),
});

export const LoginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  officer: ServerOfficerSchema,
});
export type LoginResponse = z.infer<typeof LoginResponseSchema>;

export const HealthSchema = z.object({ ok: z.literal(true), name: z.literal('loket-server'), version: z.string(), time: z.string() });
export type Health = z.infer<typeof HealthSchema>;

/** Every non-2xx answer of the server has this body. */
export const ServerErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    messageEn: z.string(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  }),
});
export type ServerError = z.infer<typeof ServerErrorSchema>;
