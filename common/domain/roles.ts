import { z } from 'zod';

/** petugas loket, resepsionis, supervisor, admin. */
export const ROLES = ['officer', 'frontdesk', 'supervisor', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Minimum password length for government applications (BSSN guidance). */
export const MIN_PASSWORD_LENGTH = 12;
