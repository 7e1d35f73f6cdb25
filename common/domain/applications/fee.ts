import { issue, type Checked, type Issue } from '../issue';

/**
 * Fees are whole rupiah ≥ 0. Population documents (Dukcapil) are always free: UU 24/2013 Pasal 79A.
 * Agency codes are local data, so the set that denotes Dukcapil is configurable.
 */
export const DEFAULT_POPULATION_AGENCY_CODES: ReadonlySet<string> = new Set(['DUKCAPIL', 'DISDUKCAPIL']);

export interface FeeInput {
  agencyCode: string;
  fee: number;
}

export function validateFee(input: FeeInput, opts: { populationAgencyCodes?: ReadonlySet<string> } = {}): Checked<{ fee: number }> {
  const { fee } = input;
  const errors: Issue[] = [];
  if (!Number.isSafeInteger(fee) || fee < 0) {
    errors.push(
      issue('FEE_INVALID', 'Biaya layanan harus bilangan bulat rupiah, 0 atau lebih.', 'The service fee must be a whole number of rupiah, 0 or more.', {
        fee: Number.isFinite(fee) ? fee : String(fee),
      }),
    );
  }
  const codes = opts.populationAgencyCodes ?? DEFAULT_POPULATION_AGENCY_CODES;
  if (codes.has(input.agencyCode.trim().toUpperCase()) && fee > 0) {
    errors.push(
      issue(
        'FEE_DUKCAPIL_FREE',
        'Layanan dokumen kependudukan (Dukcapil) tidak dipungut biaya (UU No. 24 Tahun 2013 Pasal 79A). Isi biaya 0.',
        'Population document services (Dukcapil) are free of charge (Law No. 24 of 2013, Article 79A). Set the fee to 0.',
        { agencyCode: input.agencyCode },
      ),
    );
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, fee, warnings: [] };
}

/** id-ID style: "Rp 50.000"; 0 is shown as "Gratis" unless another label is given (e.g. "Free"). */
export function formatRupiah(n: number, opts: { freeLabel?: string } = {}): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`Rupiah amounts are whole numbers, got ${n}`);
  if (n === 0) return opts.freeLabel ?? 'Gratis';
  const grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${n < 0 ? '-' : ''}Rp ${grouped}`;
}
