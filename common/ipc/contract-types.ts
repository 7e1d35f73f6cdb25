import type { Role } from '../domain/roles';

/** Who may call a channel: anyone (sign-in screen), a signed-in (possibly locked) session, an unlocked session, or listed roles. */
export type Access = 'public' | 'session' | 'signedIn' | readonly Role[];
