import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from '../../../electron/core/secrets';
import { safeStorageSecretBox, type SafeStorageLike } from '../../../electron/shell/secret-box';

const keychain = (available: boolean): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(`enc(${plain})`, 'utf8'),
  decryptString: (buf) => buf.toString('utf8').slice(4, -1),
});

describe('the OS keychain as the seat’s secret box', () => {
  it('seals through safeStorage and opens what it sealed; the stored text is not the secret', () => {
    const box = safeStorageSecretBox(keychain(true))!;
    const stored = sealSecret(box, 'kfs_token');
    expect(stored).toMatch(/^sealed:v1:/);
    expect(stored).not.toContain('kfs_token');
    expect(openSecret(box, stored)).toBe('kfs_token');
  });

  it('gives no box where the OS has no keychain, so the core keeps working with plain text', () => {
    expect(safeStorageSecretBox(keychain(false))).toBeNull();
  });
});
