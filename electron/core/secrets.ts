// Secrets the seat keeps at rest (the AMI secret, the hub token). The core cannot reach the OS
// keychain (it never imports 'electron'), so the shell hands it a box: on Electron it is
// safeStorage (DPAPI on Windows, the Keychain on macOS, libsecret on Linux); the browser host
// and tests keep the plain text they were given.

export interface SecretBox {
  /** Text to store for `plain`; must round-trip through `open`. */
  seal(plain: string): string;
  open(sealed: string): string;
}

/** Stored values of a real box carry this prefix, so plain values from older stores still read. */
const SEALED = 'sealed:v1:';

export const plainSecrets: SecretBox = { seal: (plain) => plain, open: (sealed) => sealed };

/** The value to store: sealed by the box, marked so that reading knows it is sealed. */
export function sealSecret(box: SecretBox, plain: string): string {
  if (box === plainSecrets || plain === '') return plain;
  return SEALED + box.seal(plain);
}

/** The plain secret from a stored value; a value stored before a box existed is returned as is. */
export function openSecret(box: SecretBox, stored: string): string {
  return stored.startsWith(SEALED) ? box.open(stored.slice(SEALED.length)) : stored;
}
