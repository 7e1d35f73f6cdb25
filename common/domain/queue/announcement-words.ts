/**
 * The words an announcement can contain (see announcementText in ./numbering.ts), with how
 * each is spoken when recorded: letters are read by their Indonesian names ("B" = "be").
 * The display board plays `renderer/public/audio/id/<word>.wav` per word when the system has
 * no Indonesian speech voice; scripts/make-segment-audio.mjs records them.
 */
const LETTER_NAMES: Readonly<Record<string, string>> = {
  a: 'a', b: 'be', c: 'ce', d: 'de', e: 'e', f: 'ef', g: 'ge', h: 'ha', i: 'i', j: 'je', k: 'ka', l: 'el', m: 'em',
  n: 'en', o: 'o', p: 'pe', q: 'ki', r: 'er', s: 'es', t: 'te', u: 'u', v: 'fe', w: 'we', x: 'eks', y: 'ye', z: 'zet',
};

const WORDS: readonly string[] = [
  'nomor', 'antrian', 'silakan', 'menuju', 'loket',
  'nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan',
  'sepuluh', 'sebelas', 'belas', 'puluh', 'seratus', 'ratus',
];

/** Clip name (file stem) → the text to record. */
export const ANNOUNCEMENT_WORDS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(WORDS.map((w) => [w, w])),
  ...LETTER_NAMES,
};

/** "Nomor antrian A, nol, satu" → ['nomor', 'antrian', 'a', 'nol', 'satu'] (the clip names). */
export function segmentWords(text: string): string[] {
  return text
    .toLocaleLowerCase('id')
    .replace(/[^a-z0-9\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
}
