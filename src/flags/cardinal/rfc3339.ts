/**
 * Strict RFC 3339 date-time parsing, as chrono's `DateTime::parse_from_rfc3339` (which Cardinal's
 * R003 uses): `YYYY-MM-DD`, a `T`/`t`/space separator, `HH:MM:SS`, optional fraction, and `Z`/`z` or
 * `±HH:MM`. Anything else (a bare date, no offset, `Date.parse`-style leniency) is not a date.
 */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * Milliseconds since the epoch (UTC) of an RFC 3339 date-time, or null if it is not one.
 * Fractions below a millisecond are truncated; a leap second (`:60`) counts as the next second.
 */
export function parseRfc3339(s: string): number | null {
  const m = RFC3339.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || se > 60) return null;
  let offsetMin = 0;
  const tz = m[8];
  if (tz !== 'Z' && tz !== 'z') {
    const oh = Number(tz.slice(1, 3));
    const om = Number(tz.slice(4, 6));
    if (oh > 23 || om > 59) return null;
    offsetMin = (tz[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const frac = m[7] ? Number(`${m[7].slice(1)}00`.slice(0, 3)) : 0;
  const utc = new Date(0);
  utc.setUTCFullYear(y, mo - 1, d); // setUTCFullYear keeps years 0–99 literal, unlike Date.UTC
  utc.setUTCHours(h, mi, se, frac);
  return utc.getTime() - offsetMin * 60_000;
}
