/**
 * Encodes text as Windows-1251 for test fixtures. Node has no encoder for it (TextEncoder is
 * UTF-8 only), so the table is built by inverting the browser-standard decoder.
 */
export function encodeCp1251(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const b = table.get(text[i]);
    if (b === undefined) throw new Error(`no Windows-1251 byte for ${JSON.stringify(text[i])}`);
    out[i] = b;
  }
  return out;
}
