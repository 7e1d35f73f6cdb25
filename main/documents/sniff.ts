/**
 * Type sniffing by magic bytes (the extension and the declared type are only claims): PDF, JPEG,
 * PNG, WebP. Also catches the commonest corruption, a truncated file: a PDF without its %%EOF, a
 * JPEG without its end marker, a PNG without IEND, a WebP whose RIFF size disagrees.
 */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/webp'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const EXTENSIONS: Readonly<Record<DocumentType, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/webp': ['webp'],
};

export const TYPE_LABEL: Readonly<Record<DocumentType, string>> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG', 'image/webp': 'WebP' };

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const starts = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The content type by magic bytes, or null when it is none of the accepted types. */
export function sniffType(b: Uint8Array): DocumentType | null {
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  if (b.length >= 3 && starts(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (b.length >= 8 && starts(b, PNG_SIG)) return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Whether a file of the sniffed type looks complete (not truncated). */
export function looksComplete(type: DocumentType, b: Uint8Array): boolean {
  switch (type) {
    case 'application/pdf': {
      const tail = ascii(b, Math.max(0, b.length - 1024), b.length);
      return tail.includes('%%EOF');
    }
    case 'image/jpeg': {
      // The EOI marker, allowing trailing padding some scanners add.
      for (let i = b.length - 2; i >= Math.max(2, b.length - 4096); i--) if (b[i] === 0xff && b[i + 1] === 0xd9) return true;
      return false;
    }
    case 'image/png':
      return b.length >= 8 + 25 + 12 && ascii(b, 12, 16) === 'IHDR' && ascii(b, b.length - 8, b.length - 4) === 'IEND';
    case 'image/webp': {
      const size = (b[4] ?? 0) | ((b[5] ?? 0) << 8) | ((b[6] ?? 0) << 16) | ((b[7] ?? 0) << 24);
      return size >>> 0 === b.length - 8 || size >>> 0 === b.length - 9; // odd-sized chunk padding
    }
  }
}

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName.trim());
  return m?.[1]?.toLowerCase() ?? '';
}

export const typeForExtension = (ext: string): DocumentType | null =>
  (Object.keys(EXTENSIONS) as DocumentType[]).find((t) => EXTENSIONS[t].includes(ext)) ?? null;
