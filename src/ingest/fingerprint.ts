/**
 * A dataset's fingerprint: SHA-256 of its bytes (first 16 hex digits). Reviews are keyed by it,
 * so a decision recorded on one file never attaches to a different file with the same name.
 */
export async function fingerprintBytes(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}
