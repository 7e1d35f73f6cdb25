/**
 * Real, valid sample scans for tests and benchmarks: PNG (any size, optionally incompressible
 * noise), a small PDF, JPEG and WebP, plus a visible text marker for encryption checks.
 */
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A valid RGB PNG. `noise` makes it incompressible (a 820×820 noise PNG is ~2 MB); `text` goes in a tEXt chunk. */
export function makePng(opts: { width?: number; height?: number; noise?: boolean; text?: string; color?: [number, number, number] } = {}): Buffer {
  const w = opts.width ?? 240;
  const h = opts.height ?? 160;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = 1 + w * 3;
  const raw = opts.noise ? randomBytes(row * h) : Buffer.alloc(row * h);
  const [r, g, b] = opts.color ?? [40, 90, 160];
  for (let y = 0; y < h; y++) {
    raw[y * row] = 0; // filter: none
    if (!opts.noise) {
      for (let x = 0; x < w; x++) {
        const o = y * row + 1 + x * 3;
        const stripe = (x + y) % 40 < 20;
        raw[o] = stripe ? r : 245;
        raw[o + 1] = stripe ? g : 245;
        raw[o + 2] = stripe ? b : 240;
      }
    }
  }
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (opts.text) parts.push(chunk('tEXt', Buffer.from(`Comment\0${opts.text}`, 'latin1')));
  parts.push(chunk('IDAT', zlib.deflateSync(raw, { level: opts.noise ? 0 : 6 })), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** A PNG of about `bytes` bytes (noise), e.g. 2 MB scans for the benchmark. */
export function pngOfSize(bytes: number): Buffer {
  const side = Math.max(8, Math.floor(Math.sqrt(bytes / 3)));
  return makePng({ width: side, height: side, noise: true });
}

/** A one-page PDF with a line of text. */
export function makePdf(text = 'Formulir F-1.01'): Buffer {
  const stream = `BT /F1 18 Tf 40 100 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** JPEG markers as a scanner writes them (SOI, APP0/JFIF, filler, EOI): enough for type sniffing and completeness checks. */
export const TINY_JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'latin1'),
  Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
  Buffer.alloc(64, 0x11),
  Buffer.from([0xff, 0xd9]),
]);

/** A valid 1×1 lossless WebP. */
export const TINY_WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
