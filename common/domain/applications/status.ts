import { z } from 'zod';
import { issue, type Issue } from '../issue';

/**
 * Workflow of an application (permohonan):
 *
 *   diterima → diverifikasi → diproses → selesai → diambil
 *      │  ↘         │  ↑          │
 *      │   berkas_belum_lengkap ←─┘   (returned as incomplete; resubmission goes back to diverifikasi)
 *      └→ ditolak / dibatalkan        (from any open state before selesai; reason required)
 *
 * - diverifikasi = documents declared complete ("berkas lengkap"): the SLA clock starts, or resumes
 *   after a return (UU 30/2014 Pasal 53).
 * - berkas_belum_lengkap stops the clock; a reason (what is missing) is required.
 * - No rejection or cancellation once selesai: the product or decision exists and only waits to be
 *   handed over. diambil, ditolak and dibatalkan are final.
 */
export const APPLICATION_STATUSES = ['diterima', 'berkas_belum_lengkap', 'diverifikasi', 'diproses', 'selesai', 'diambil', 'ditolak', 'dibatalkan'] as const;
export const ApplicationStatusSchema = z.enum(APPLICATION_STATUSES);
export type ApplicationStatus = z.infer<typeof ApplicationStatusSchema>;

export const ALLOWED: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  diterima: ['diverifikasi', 'berkas_belum_lengkap', 'ditolak', 'dibatalkan'],
  berkas_belum_lengkap: ['diverifikasi', 'ditolak', 'dibatalkan'],
  diverifikasi: ['diproses', 'berkas_belum_lengkap', 'ditolak', 'dibatalkan'],
  diproses: ['selesai', 'berkas_belum_lengkap', 'ditolak', 'dibatalkan'],
  selesai: ['diambil'],
  diambil: [],
  ditolak: [],
  dibatalkan: [],
};

/** Entering these states needs a written reason (rejection grounds, cancellation, what is missing). */
export const REASON_REQUIRED: readonly ApplicationStatus[] = ['ditolak', 'dibatalkan', 'berkas_belum_lengkap'];

export const FINAL_STATUSES: readonly ApplicationStatus[] = ['diambil', 'ditolak', 'dibatalkan'];

export const MAX_REASON_LENGTH = 500;

export const STATUS_LABELS: Readonly<Record<ApplicationStatus, { id: string; en: string }>> = {
  diterima: { id: 'Diterima', en: 'Received' },
  berkas_belum_lengkap: { id: 'Berkas belum lengkap', en: 'Documents incomplete' },
  diverifikasi: { id: 'Diverifikasi (berkas lengkap)', en: 'Verified (documents complete)' },
  diproses: { id: 'Diproses', en: 'In process' },
  selesai: { id: 'Selesai, siap diambil', en: 'Ready for pickup' },
  diambil: { id: 'Sudah diambil', en: 'Handed over' },
  ditolak: { id: 'Ditolak', en: 'Rejected' },
  dibatalkan: { id: 'Dibatalkan', en: 'Cancelled' },
};

/** What a transition does to the SLA clock, for the service that records paused intervals. */
export type ClockEffect = 'start_or_resume' | 'pause' | 'stop' | 'none';

export function clockEffect(to: ApplicationStatus): ClockEffect {
  switch (to) {
    case 'diverifikasi':
      return 'start_or_resume';
    case 'berkas_belum_lengkap':
      return 'pause';
    case 'selesai':
    case 'ditolak':
    case 'dibatalkan':
      return 'stop';
    default:
      return 'none';
  }
}

export const canTransition = (from: ApplicationStatus, to: ApplicationStatus): boolean => ALLOWED[from].includes(to);

export const requiresReason = (to: ApplicationStatus): boolean => REASON_REQUIRED.includes(to);

export type TransitionCheck = { ok: true; reason: string | null } | { ok: false; error: Issue };

/** Checks a transition; returns the trimmed reason to store, or a bilingual error. */
export function assertTransition(from: ApplicationStatus, to: ApplicationStatus, opts: { reason?: string } = {}): TransitionCheck {
  const a = STATUS_LABELS[from];
  const b = STATUS_LABELS[to];
  if (!canTransition(from, to)) {
    const final = FINAL_STATUSES.includes(from);
    return {
      ok: false,
      error: issue(
        'STATUS_TRANSITION',
        final
          ? `Status "${a.id}" sudah final dan tidak dapat diubah menjadi "${b.id}".`
          : `Status tidak dapat diubah dari "${a.id}" menjadi "${b.id}".`,
        final ? `Status "${a.en}" is final and cannot change to "${b.en}".` : `Status cannot change from "${a.en}" to "${b.en}".`,
        { from, to },
      ),
    };
  }
  const reason = opts.reason?.trim() ?? '';
  if (requiresReason(to) && reason === '') {
    return {
      ok: false,
      error: issue('STATUS_REASON_REQUIRED', `Alasan wajib diisi untuk status "${b.id}".`, `A reason is required for status "${b.en}".`, { from, to }),
    };
  }
  if (reason.length > MAX_REASON_LENGTH) {
    return {
      ok: false,
      error: issue('STATUS_REASON_TOO_LONG', `Alasan paling banyak ${MAX_REASON_LENGTH} karakter.`, `The reason may have at most ${MAX_REASON_LENGTH} characters.`, {
        length: reason.length,
      }),
    };
  }
  return { ok: true, reason: reason === '' ? null : reason };
}
