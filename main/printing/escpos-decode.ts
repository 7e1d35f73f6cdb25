/**
 * A small ESC/POS decoder: printer bytes back to text lines, styled runs, QR payloads (native
 * GS ( k store command) and raster images (GS v 0, GS 8 L / GS ( L), with every other ESC / GS /
 * FS / DLE command skipped by its length. Used by the tests (fake printer), the virtual printer
 * (.txt next to each job) and for diagnosing what a printer received. Not for Star command sets.
 */
import { CODE_PAGE_TABLES } from './text';

export interface TextRun {
  text: string;
  /** Character magnification (GS ! / ESC !), 1 = normal. */
  width: number;
  height: number;
  bold: boolean;
  inverted: boolean;
}

export interface RasterImage {
  command: 'GS v 0' | 'GS 8 L' | 'GS ( L';
  widthDots: number;
  heightDots: number;
  bytesPerRow: number;
  data: Uint8Array;
}

export interface DecodedEscPos {
  /** Text per printed line (right-trimmed), rules as '-', empty lines kept. */
  lines: string[];
  runs: TextRun[];
  /** Payloads stored with GS ( k (QR code, function 80). */
  qrCodes: string[];
  images: RasterImage[];
  /** Paper cuts (GS V, ESC i, ESC m). */
  cuts: number;
  /** Offsets of commands this decoder does not know (skipped as 2 bytes). */
  unknown: number[];
}

const ESC = 0x1b;
const GS = 0x1d;
const FS = 0x1c;
const DLE = 0x10;
const LF = 0x0a;

/** ESC t 1 is selected by receiptline for its ruled lines (box drawing in the Katakana page). */
function ruleChar(b: number): string {
  if (b === 0x95) return '-';
  if (b === 0x96) return '|';
  return '+';
}

export function decodeEscPos(input: Uint8Array): DecodedEscPos {
  const b = input;
  const out: DecodedEscPos = { lines: [], runs: [], qrCodes: [], images: [], cuts: 0, unknown: [] };
  let line = '';
  let page = 0;
  let style = { width: 1, height: 1, bold: false, inverted: false };
  let escBang = 0;
  let gsBang = 0;
  /** Left margin (GS L) in dots; positions (ESC $) count from it. Font A: 12 dots per column. */
  let leftMargin = 0;
  const CHAR_DOTS = 12;
  let dots = 0;
  const padTo = (target: number): void => {
    const n = Math.floor((target - dots) / CHAR_DOTS);
    if (n > 0) {
      line += ' '.repeat(n);
      dots += n * CHAR_DOTS;
    }
  };

  const at = (k: number): number => b[k] ?? 0;
  const u16 = (k: number): number => at(k) | (at(k + 1) << 8);
  const applySize = (): void => {
    const w = Math.max(((gsBang >> 4) & 7) + 1, escBang & 0x20 ? 2 : 1);
    const h = Math.max((gsBang & 7) + 1, escBang & 0x10 ? 2 : 1);
    style = { ...style, width: w, height: h, bold: style.bold || (escBang & 0x08) !== 0 };
  };
  const addText = (s: string): void => {
    line += s;
    dots += s.length * CHAR_DOTS * style.width;
    const last = out.runs[out.runs.length - 1];
    if (last && last.width === style.width && last.height === style.height && last.bold === style.bold && last.inverted === style.inverted) last.text += s;
    else out.runs.push({ text: s, ...style });
  };
  const newLine = (): void => {
    out.lines.push(line.replace(/\s+$/, ''));
    line = '';
    dots = 0;
  };

  let i = 0;
  while (i < b.length) {
    const c = at(i);
    if (c === LF) {
      newLine();
      i += 1;
    } else if (c === ESC) {
      const cmd = at(i + 1);
      switch (cmd) {
        case 0x40: // ESC @
          page = 0;
          escBang = 0;
          gsBang = 0;
          style = { width: 1, height: 1, bold: false, inverted: false };
          i += 2;
          break;
        case 0x32: // ESC 2
        case 0x69: // ESC i (cut)
        case 0x6d: // ESC m (cut)
          if (cmd !== 0x32) out.cuts++;
          i += 2;
          break;
        case 0x74: // ESC t n
          page = at(i + 2);
          i += 3;
          break;
        case 0x45: // ESC E n
          style = { ...style, bold: (at(i + 2) & 1) === 1 };
          i += 3;
          break;
        case 0x21: // ESC ! n
          escBang = at(i + 2);
          applySize();
          i += 3;
          break;
        case 0x2d: case 0x47: case 0x4d: case 0x52: case 0x61: case 0x7b: case 0x33: case 0x4a: case 0x64: case 0x72: case 0x20: case 0x55: case 0x3d: case 0x56:
          i += 3;
          break;
        case 0x24: // ESC $ nL nH: absolute position
          padTo(leftMargin + u16(i + 2));
          i += 4;
          break;
        case 0x5c: // ESC \ nL nH: relative position
          padTo(dots + u16(i + 2));
          i += 4;
          break;
        case 0x42: // ESC B n t
          i += 4;
          break;
        case 0x63: // ESC c 3|4|5 n
          i += 4;
          break;
        case 0x70: // ESC p m t1 t2
          i += 5;
          break;
        case 0x2a: { // ESC * m nL nH d…
          const m = at(i + 2);
          i += 5 + u16(i + 3) * (m >= 32 ? 3 : 1);
          break;
        }
        case 0x44: { // ESC D n… NUL
          let k = i + 2;
          while (k < b.length && at(k) !== 0) k++;
          i = k + 1;
          break;
        }
        default:
          out.unknown.push(i);
          i += 2;
      }
    } else if (c === GS) {
      const cmd = at(i + 1);
      switch (cmd) {
        case 0x21: // GS ! n
          gsBang = at(i + 2);
          applySize();
          i += 3;
          break;
        case 0x42: // GS B n
          style = { ...style, inverted: (at(i + 2) & 1) === 1 };
          i += 3;
          break;
        case 0x48: case 0x68: case 0x77: case 0x66: case 0x61: case 0x72: case 0x62: case 0x49: case 0x45:
          i += 3;
          break;
        case 0x4c: // GS L nL nH: left margin
          leftMargin = u16(i + 2);
          i += 4;
          break;
        case 0x57: case 0x24: case 0x5c: case 0x50: // GS W / $ / \ / P
          i += 4;
          break;
        case 0x56: { // GS V m [n]
          const m = at(i + 2);
          out.cuts++;
          i += m === 0 || m === 1 || m === 48 || m === 49 ? 3 : 4;
          break;
        }
        case 0x76: { // GS v 0 m xL xH yL yH d…
          const bytesPerRow = u16(i + 4);
          const heightDots = u16(i + 6);
          const n = bytesPerRow * heightDots;
          out.images.push({ command: 'GS v 0', widthDots: bytesPerRow * 8, heightDots, bytesPerRow, data: b.slice(i + 8, i + 8 + n) });
          i += 8 + n;
          break;
        }
        case 0x38: { // GS 8 L p1 p2 p3 p4 m fn …
          const p = (at(i + 3) | (at(i + 4) << 8) | (at(i + 5) << 16)) + at(i + 6) * 0x1000000;
          if (at(i + 2) === 0x4c && at(i + 8) === 0x70) {
            // m fn a bx by c xL xH yL yH d…
            const widthDots = u16(i + 13);
            const heightDots = u16(i + 15);
            const bytesPerRow = (widthDots + 7) >> 3;
            out.images.push({ command: 'GS 8 L', widthDots, heightDots, bytesPerRow, data: b.slice(i + 17, i + 7 + p) });
          }
          i += 7 + p;
          break;
        }
        case 0x28: { // GS ( X pL pH …
          const fnClass = at(i + 2);
          const len = u16(i + 3);
          const body = b.slice(i + 5, i + 5 + len);
          if (fnClass === 0x6b && body[0] === 0x31 && body[1] === 0x50 && body[2] === 0x30) {
            out.qrCodes.push(Buffer.from(body.slice(3)).toString('utf8'));
          } else if (fnClass === 0x4c && body[1] === 0x70 && body.length >= 10) {
            const widthDots = (body[6] ?? 0) | ((body[7] ?? 0) << 8);
            const heightDots = (body[8] ?? 0) | ((body[9] ?? 0) << 8);
            out.images.push({ command: 'GS ( L', widthDots, heightDots, bytesPerRow: (widthDots + 7) >> 3, data: body.slice(10) });
          }
          i += 5 + len;
          break;
        }
        case 0x6b: { // GS k m … (barcode)
          const m = at(i + 2);
          if (m <= 6) {
            let k = i + 3;
            while (k < b.length && at(k) !== 0) k++;
            i = k + 1;
          } else i += 4 + at(i + 3);
          break;
        }
        default:
          out.unknown.push(i);
          i += 2;
      }
    } else if (c === FS) {
      const cmd = at(i + 1);
      if (cmd === 0x2e || cmd === 0x26) i += 2; // FS . / FS &
      else if (cmd === 0x43 || cmd === 0x2d || cmd === 0x57 || cmd === 0x21) i += 3;
      else if (cmd === 0x53 || cmd === 0x70) i += 4;
      else if (cmd === 0x28) i += 5 + u16(i + 3);
      else {
        out.unknown.push(i);
        i += 2;
      }
    } else if (c === DLE) {
      const cmd = at(i + 1);
      i += cmd === 0x04 || cmd === 0x05 ? 3 : cmd === 0x14 ? 5 : 2;
    } else if (c === 0x09) {
      addText(' ');
      i += 1;
    } else if (c < 0x20 || c === 0x7f) {
      i += 1; // CR and other controls
    } else if (c < 0x80) {
      addText(String.fromCharCode(c));
      i += 1;
    } else {
      addText(page === 1 ? ruleChar(c) : (CODE_PAGE_TABLES[page]?.[c - 0x80] ?? '?'));
      i += 1;
    }
  }
  if (line) newLine();
  return out;
}

/**
 * Read a raster image as a grid of modules of `cell` × `cell` dots (sampled at each module's
 * centre): a QR code printed as an image back to its matrix (1 = dark).
 */
export function rasterToModules(image: RasterImage, cell: number, size = Math.floor(image.heightDots / cell)): number[][] {
  const rows: number[][] = [];
  for (let r = 0; r < size; r++) {
    const y = r * cell + (cell >> 1);
    const row: number[] = [];
    for (let col = 0; col < size; col++) {
      const x = col * cell + (cell >> 1);
      const byte = image.data[y * image.bytesPerRow + (x >> 3)] ?? 0;
      row.push((byte >> (7 - (x & 7))) & 1);
    }
    rows.push(row);
  }
  return rows;
}
