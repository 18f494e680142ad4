/**
 * The little XML this reader needs, written for bounded memory: entity decoding, and decoding a
 * large part (a sheet, the shared strings) in slices that end at an element boundary, so no
 * string ever holds the whole part.
 */

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** Excel's escape for characters XML cannot hold (`_x000D_` is a carriage return). */
const XSTRING = /_x([0-9A-Fa-f]{4})_/g;

function codePoint(n: number): string {
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
}

/** XML text content as the characters it stands for. */
export function decodeXmlText(text: string): string {
  let s = text.includes('&')
    ? text.replace(ENTITY, (_, hex: string, dec: string, name: string) =>
        hex ? codePoint(parseInt(hex, 16)) : dec ? codePoint(parseInt(dec, 10)) : NAMED[name],
      )
    : text;
  if (s.includes('_x')) s = s.replace(XSTRING, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

/** The value of attribute `name` in an element's attribute text, decoded, or undefined. */
export function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? decodeXmlText(m[1] ?? m[2]) : undefined;
}

const SLICE_BYTES = 4 << 20;
const LT = 0x3c;
const SLASH = 0x2f;
const GT = 0x3e;

/**
 * Calls `each` with consecutive decoded slices of `bytes`, each ending just after a closing tag
 * whose local name is `tag` (or at the end), so an element of that name never straddles two
 * slices. Memory: one slice of about 4 MB at a time.
 */
export function forEachSlice(bytes: Uint8Array, tag: string, each: (text: string) => void): void {
  const decoder = new TextDecoder('utf-8');
  let from = 0;
  while (from < bytes.length) {
    const to = from + SLICE_BYTES >= bytes.length ? bytes.length : closingTagEnd(bytes, from + SLICE_BYTES, tag);
    each(decoder.decode(bytes.subarray(from, to)));
    from = to;
  }
}

/** The index just after the first `</tag>` or `</prefix:tag>` at or after `start`, or the end. */
function closingTagEnd(bytes: Uint8Array, start: number, tag: string): number {
  const name = Array.from(tag, (c) => c.charCodeAt(0));
  for (let i = start; i < bytes.length - 1; i++) {
    if (bytes[i] !== LT || bytes[i + 1] !== SLASH) continue;
    let j = i + 2;
    while (j < bytes.length && bytes[j] !== GT && j - i < 64) j++;
    if (bytes[j] !== GT) continue;
    // The local name ends at '>'; it must be `tag`, after nothing or after a `prefix:`.
    const nameStart = j - name.length;
    if (nameStart < i + 2) continue;
    let same = true;
    for (let k = 0; k < name.length && same; k++) same = bytes[nameStart + k] === name[k];
    if (same && (nameStart === i + 2 || bytes[nameStart - 1] === 0x3a)) return j + 1;
  }
  return bytes.length;
}
