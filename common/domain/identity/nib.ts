import { type Checked } from '../issue';
import { checkDigits } from './shared';

/** NIB (Nomor Induk Berusaha, OSS): 13 random digits, one per business, no checksum. */
export type NibResult = Checked<{ nib: string }>;

export function parseNib(input: string): NibResult {
  const checked = checkDigits(input, [13], 'NIB', 'NIB', 'business ID number (NIB)');
  if ('errors' in checked) return { ok: false, errors: checked.errors };
  return { ok: true, nib: checked.digits, warnings: [] };
}
