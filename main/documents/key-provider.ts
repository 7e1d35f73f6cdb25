/**
 * Where the 256-bit key that encrypts document scans at rest comes from. In the Electron shell
 * the key is wrapped by the OS (safeStorage: DPAPI on Windows, Keychain on macOS, libsecret/kwallet
 * on Linux; main/shell/document-key.ts). Under plain Node (tests, dev harness) a key file next to
 * the data is used: it protects nothing against someone who can read the folder and exists only so
 * the same code runs without Electron.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LoketError } from '../../common/ipc/result';

export const DOCUMENT_KEY_BYTES = 32;

export interface KeyProvider {
  /** A short label for logs and the README ("safeStorage", "harness key file"), never the key. */
  readonly kind: string;
  /** The data key (32 bytes). Throws a LoketError when the key cannot be obtained. */
  getKey(): Promise<Buffer>;
}

export const noKey = (detailEn: string): LoketError =>
  new LoketError(
    'INTERNAL',
    'Kunci enkripsi berkas tidak tersedia; pindaian tidak dapat disimpan atau dibuka di komputer ini.',
    `The document encryption key is unavailable; scans cannot be stored or opened on this computer (${detailEn}).`,
  );

/** A fixed key (tests). */
export class StaticKeyProvider implements KeyProvider {
  readonly kind = 'static';
  constructor(private readonly key: Buffer) {
    if (key.length !== DOCUMENT_KEY_BYTES) throw new RangeError('document key must be 32 bytes');
  }
  async getKey(): Promise<Buffer> {
    return this.key;
  }
}

/**
 * Reads or creates a key through `wrap`/`unwrap` (identity for the harness, safeStorage in Electron).
 * The file is written atomically (temp + rename) so a crash never leaves half a key.
 */
export class WrappedFileKeyProvider implements KeyProvider {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly file: string,
    readonly kind: string,
    private readonly wrap: (key: Buffer) => Buffer,
    private readonly unwrap: (data: Buffer) => Buffer,
  ) {}

  getKey(): Promise<Buffer> {
    this.key ??= this.load().catch((e: unknown) => {
      this.key = null;
      throw e;
    });
    return this.key;
  }

  private async load(): Promise<Buffer> {
    let data: Buffer | null = null;
    try {
      data = await fs.promises.readFile(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw noKey(`cannot read ${path.basename(this.file)}`);
    }
    if (data) {
      let key: Buffer;
      try {
        key = this.unwrap(data);
      } catch {
        throw noKey(`${this.kind} could not unwrap the key`);
      }
      if (key.length !== DOCUMENT_KEY_BYTES) throw noKey('the stored key has a wrong length');
      return key;
    }
    const key = randomBytes(DOCUMENT_KEY_BYTES);
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.tmp-${randomBytes(4).toString('hex')}`;
    await fs.promises.writeFile(tmp, this.wrap(key), { mode: 0o600 });
    await fs.promises.rename(tmp, this.file);
    return key;
  }
}

/** Dev harness / tests under Node: an unprotected key file in the data folder. */
export const harnessKeyProvider = (dataDir: string): KeyProvider =>
  new WrappedFileKeyProvider(path.join(dataDir, 'documents.harness-key'), 'harness key file (unprotected)', (k) => k, (d) => d);
