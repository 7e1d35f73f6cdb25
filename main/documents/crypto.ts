/**
 * Encryption at rest of document scans: AES-256-GCM, a fresh 96-bit IV per file, the plaintext's
 * SHA-256 as additional authenticated data (so a stored file cannot be swapped for another one's).
 * Layout: "LKD1" | IV (12) | ciphertext | tag (16). A wrong key or any flipped byte fails to decrypt.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

const MAGIC = Buffer.from('LKD1', 'ascii');
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const ENCRYPTION_OVERHEAD = MAGIC.length + IV_BYTES + TAG_BYTES;

const aadOf = (sha256: string) => Buffer.from(`loket-document-v1:${sha256}`, 'ascii');

export function encryptDocument(plaintext: Buffer, key: Buffer, sha256: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aadOf(sha256));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()]);
}

export class DecryptError extends Error {}

export function decryptDocument(stored: Buffer, key: Buffer, sha256: string): Buffer {
  if (stored.length < ENCRYPTION_OVERHEAD || !stored.subarray(0, MAGIC.length).equals(MAGIC)) throw new DecryptError('not a Loket encrypted document');
  const iv = stored.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
  const tag = stored.subarray(stored.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aadOf(sha256));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(stored.subarray(MAGIC.length + IV_BYTES, stored.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptError('authentication failed (wrong key or damaged file)');
  }
}

/** File name of a stored blob: a keyed hash, so the folder does not reveal which content it holds. */
export const blobName = (key: Buffer, sha256: string): string => createHmac('sha256', key).update(`blob:${sha256}`).digest('hex');
