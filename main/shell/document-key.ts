/**
 * The document-scan key in the Electron shell: a random 256-bit key, stored wrapped by the OS
 * through safeStorage (DPAPI, Keychain, libsecret/kwallet). Without OS encryption (e.g. Linux with
 * no keyring: safeStorage falls back to a hard-coded key, 'basic_text'), scans are refused rather
 * than stored with a key anyone can unwrap.
 */
import path from 'node:path';
import { safeStorage } from 'electron';
import { noKey, WrappedFileKeyProvider, type KeyProvider } from '../documents/key-provider';

export function safeStorageKeyProvider(userDataDir: string): KeyProvider {
  const usable = (): void => {
    if (!safeStorage.isEncryptionAvailable()) throw noKey('OS encryption (safeStorage) is not available');
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
    if (backend === 'basic_text') throw noKey('no OS keyring: safeStorage would use a fixed key');
  };
  return new WrappedFileKeyProvider(
    path.join(userDataDir, 'documents.key'),
    'Electron safeStorage',
    (key) => {
      usable();
      return safeStorage.encryptString(key.toString('base64'));
    },
    (data) => {
      usable();
      return Buffer.from(safeStorage.decryptString(data), 'base64');
    },
  );
}
