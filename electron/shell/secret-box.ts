import type { SecretBox } from '../core/secrets';

/** The part of Electron's safeStorage the box needs (so tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * The seat's secrets at rest through the OS keychain (DPAPI, macOS Keychain, libsecret). Where
 * the OS offers none (a Linux desktop without a keyring), null: the core then keeps plain text,
 * as the browser host does, rather than refusing to save the PBX or hub settings.
 */
export function safeStorageSecretBox(safeStorage: SafeStorageLike): SecretBox | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  return {
    seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
    open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  };
}
