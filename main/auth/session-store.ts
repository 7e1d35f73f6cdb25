/** The signed-in officer of this installation, in memory only: a restart signs out. */
import type { Officer, Session } from '../../common/ipc/models';

export interface ActiveSession {
  officer: Officer;
  mode: 'server' | 'offline';
  signedInAt: string;
  /** Server token; held in main only, never sent to the renderer. */
  token: string | null;
  lastActivity: number;
  locked: boolean;
  counterId: string | null;
  counterName: string | null;
  /** Null: all of the agency's services. */
  counterServiceIds: string[] | null;
}

export function toView(s: ActiveSession, idleLockMinutes: number): Session {
  return {
    officer: s.officer,
    mode: s.mode,
    signedInAt: s.signedInAt,
    locked: s.locked,
    idleLockMinutes,
    counterId: s.counterId,
    counterName: s.counterName,
    counterServiceIds: s.counterServiceIds ? [...s.counterServiceIds] : null,
  };
}

/** Pure idle rule, unit-tested: locked once inactivity reaches the limit. */
export const isIdleExpired = (lastActivity: number, now: number, idleLockMinutes: number): boolean =>
  now - lastActivity >= idleLockMinutes * 60_000;
