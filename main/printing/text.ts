/**
 * Text for thermal printers: normalise any Unicode string to what the printer's code page can
 * print (curly quotes, dashes, bullets, ellipses, ticks, accents outside the page, non-Latin
 * scripts), and escape it for a ReceiptLine document. Normalising *before* receiptline's
 * transform means the printer bytes and the SVG preview show the same characters.
 */
import type { PrinterEncoding } from '../../common/printing/settings';

/** Characters 0x80–0xFF of each single-byte code page (index = byte − 0x80). */
const UPPER_HALF = {
  cp437: 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0',
  cp850: 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0',
  cp858: 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈ€ÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0',
  cp1252: '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ',
  cp852: 'ÇüéâäůćçłëŐőîŹÄĆÉĹĺôöĽľŚśÖÜŤťŁ×čáíóúĄąŽžĘę¬źČş«»░▒▓│┤ÁÂĚŞ╣║╗╝Żż┐└┴┬├─┼Ăă╚╔╩╦╠═╬¤đĐĎËďŇÍÎě┘┌█▄ŢŮ▀ÓßÔŃńňŠšŔÚŕŰýÝţ´\u00ad˝˛ˇ˘§÷¸°¨˙űŘř■\u00a0',
  cp866: 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмноп░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀рстуфхцчшщъыьэюяЁёЄєЇїЎў°∙·√№¤■\u00a0',
} as const;

const PRINTABLE_ASCII = (c: number): boolean => c >= 0x20 && c <= 0x7e;

function upperSet(...pages: (keyof typeof UPPER_HALF)[]): Set<string> {
  const set = new Set<string>();
  for (const page of pages) for (const ch of UPPER_HALF[page]) set.add(ch);
  // Invisible or ambiguous glyphs are never printed as such: NBSP becomes a space, a soft
  // hyphen disappears, U+FFFD marks an unassigned byte.
  for (const ch of ['\u00a0', '\u00ad', '\ufffd']) set.delete(ch);
  return set;
}

const cp850 = upperSet('cp850');
// receiptline has no cp850 table: it encodes with cp858, whose only difference is 0xD5
// (cp850 'ı', cp858 '€'); so on cp850 neither is printed (€ → "EUR", ı → "i").
cp850.delete('ı');

const PRINTABLE_UPPER: Record<PrinterEncoding, Set<string>> = {
  cp437: upperSet('cp437'),
  cp850,
  cp858: upperSet('cp858'),
  cp1252: upperSet('cp1252'),
  // receiptline's multilingual mode switches between cp437, cp852, cp858, cp866 and cp1252.
  multilingual: upperSet('cp437', 'cp852', 'cp858', 'cp866', 'cp1252'),
};

/** Upper-half byte → character, for decoding printer output (ESC t n page numbers). */
export const CODE_PAGE_TABLES: Readonly<Record<number, string>> = {
  0: UPPER_HALF.cp437,
  2: UPPER_HALF.cp850,
  16: UPPER_HALF.cp1252,
  17: UPPER_HALF.cp866,
  18: UPPER_HALF.cp852,
  19: UPPER_HALF.cp858,
};

/** Replacements tried when a character is not in the code page (in this order of preference). */
const TRANSLITERATIONS: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201a': "'", '\u201b': "'", '\u2032': "'", '\u00b4': "'", '\u0060': "'",
  '\u201c': '"', '\u201d': '"', '\u201e': '"', '\u201f': '"', '\u2033': '"', '\u00ab': '"', '\u00bb': '"',
  '\u2039': '<', '\u203a': '>',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-', '\u2043': '-',
  '\u2022': '*', '\u2023': '*', '\u25cf': '*', '\u25e6': '*', '\u2219': '*', '\u00b7': '*', '\u30fb': '*',
  '\u2026': '...',
  '\u20ac': 'EUR', '\u20b9': 'Rs', '\u00a3': 'GBP', '\u00a5': 'JPY',
  '\u2122': 'TM', '\u00a9': '(c)', '\u00ae': '(R)', '\u2116': 'No.',
  '\u2713': 'v', '\u2714': 'v', '\u2705': 'v', '\u2611': '[v]', '\u2717': 'x', '\u2718': 'x', '\u274c': 'x', '\u2610': '[ ]',
  '\u2192': '->', '\u2190': '<-', '\u21d2': '=>', '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u00d7': 'x', '\u00f7': '/',
  '\u00bd': '1/2', '\u00bc': '1/4', '\u00be': '3/4', '\u00b0': 'o', '\u00b2': '2', '\u00b3': '3', '\u00b9': '1',
  '\u0131': 'i', '\u0142': 'l', '\u0141': 'L', '\u0111': 'd', '\u0110': 'D', '\u00f8': 'o', '\u00d8': 'O',
  '\u00df': 'ss', '\u00e6': 'ae', '\u00c6': 'AE', '\u0153': 'oe', '\u0152': 'OE', '\u00fe': 'th', '\u00de': 'Th', '\u00f0': 'd', '\u00d0': 'D',
};

const SPACES = /[\t\n\r\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff\u180e]|\u034f|\p{Cc}|\p{Cf}/u;
const COMBINING = /\p{M}/gu;

/** True when the code page prints this single character (ASCII or a glyph of its upper half). */
export function isPrintable(ch: string, encoding: PrinterEncoding): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return ch.length === 1 && (PRINTABLE_ASCII(c) || PRINTABLE_UPPER[encoding].has(ch));
}

const allPrintable = (s: string, encoding: PrinterEncoding): boolean => [...s].every((c) => isPrintable(c, encoding));

/**
 * Map any text to characters the printer's code page has: kept when printable, else a
 * transliteration (“ ” → ", — → -, • → *, … → ..., ✓ → v, € → EUR), else the letter without its
 * accents (ă → a), else '?'. Whitespace runs become one space; invisible characters go.
 */
export function normaliseText(text: string, encoding: PrinterEncoding): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (SPACES.test(ch)) {
      out += ' ';
      continue;
    }
    if (INVISIBLE.test(ch)) continue;
    if (isPrintable(ch, encoding)) {
      out += ch;
      continue;
    }
    const t = TRANSLITERATIONS[ch];
    if (t !== undefined && allPrintable(t, encoding)) {
      out += t;
      continue;
    }
    const base = ch.normalize('NFKD').replace(COMBINING, '');
    if (base.length > 0 && base !== ch && allPrintable(base, encoding)) {
      out += base;
      continue;
    }
    out += '?';
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Characters with a meaning in ReceiptLine text (and '-'/'=' which alone make rules and cuts). */
const RECEIPTLINE_SPECIAL = /[\\|{}~_"`^\-=]/g;
const hex = (ch: string): string => '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');

/** Normalise, then escape for a ReceiptLine text column: every special character as \xNN. */
export function printableText(text: string, encoding: PrinterEncoding): string {
  return normaliseText(text, encoding).replace(RECEIPTLINE_SPECIAL, hex);
}

/** Escape a ReceiptLine property value (e.g. QR code data): \ | { } ; as \xNN. ASCII only. */
export function propertyValue(value: string): string {
  return value.replace(/[\\|{};]/g, hex);
}
