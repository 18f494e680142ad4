/**
 * Text from a file shown back to a person, made harmless. Two audiences:
 *
 * - a terminal (`terminalSafe`): C0/C1 control characters (ESC sequences clear the screen, set
 *   the window title, forge output) are written as visible escapes such as `\x1b`;
 * - a page or a chart label (`displaySafe`): Unicode bidirectional controls (a right-to-left
 *   override turns "Acme‮gpj.exe" into "Acmeexe.jpg") are dropped, so a name reads in the order
 *   its characters are stored; other invisible controls go too.
 */

/** C0 except line feed, DEL, C1. */
// eslint-disable-next-line no-control-regex -- finding control characters is what this module is for
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
/** Bidi embeddings, overrides and isolates, and the marks that steer them. */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Control characters with no place in a name on screen (line breaks become spaces). */
// eslint-disable-next-line no-control-regex -- finding control characters is what this module is for
const DISPLAY_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\t') return '\\t';
  if (c === '\r') return '\\r';
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Text safe to print on a terminal: control characters (but line feeds) and bidi controls escaped. */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_CONTROL, escapeChar).replace(BIDI_CONTROL, escapeChar);
}

/** A name or value as it may be shown on a page or in a chart: bidi and other controls removed. */
export function displaySafe(text: string): string {
  return text
    .replace(BIDI_CONTROL, '')
    .replace(/[\r\n\t]+/g, ' ')
    .replace(DISPLAY_CONTROL, '');
}

/** True when the text holds characters `displaySafe` would change (the UI may say so). */
export function hasHiddenControls(text: string): boolean {
  BIDI_CONTROL.lastIndex = 0;
  DISPLAY_CONTROL.lastIndex = 0;
  return BIDI_CONTROL.test(text) || DISPLAY_CONTROL.test(text);
}
