/**
 * A dataset's fingerprint: SHA-256 of its bytes (first 16 hex digits). Reviews are keyed by it,
 * so a decision recorded on one file never attaches to a different file with the same name.
 */
export async function fingerprintBytes(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes as unknown as ArrayBuffer);
  return Array.from(new Uint8Array(digest).slice(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A file's fingerprint without reading all of it: size, name and the first and last 64 KB.
 * Reading a several-hundred-MB file just to name it would double the import time.
 */
export async function fingerprintFile(file: Blob & { name: string }): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 65536).arrayBuffer());
  const tail = new Uint8Array(await file.slice(Math.max(0, file.size - 65536)).arrayBuffer());
  const meta = new TextEncoder().encode(`${file.name}\u0000${file.size}\u0000`);
  const all = new Uint8Array(meta.length + head.length + tail.length);
  all.set(meta, 0);
  all.set(head, meta.length);
  all.set(tail, meta.length + head.length);
  return fingerprintBytes(all);
}
