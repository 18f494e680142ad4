/**
 * Shortens a long name in the middle: "National Company Kazakhstan … Holding No. 7". Names of
 * organisations often differ only at the end (branch, number, region), so cutting the end made
 * several bars read the same.
 */
export function middleEllipsis(name: string, max: number): string {
  const chars = [...name]; // code points, so a cut never splits a surrogate pair
  if (chars.length <= max) return name;
  const keep = Math.max(2, max - 1);
  const head = Math.ceil(keep * 0.55);
  const tail = keep - head;
  return `${chars.slice(0, head).join('').trimEnd()}…${chars
    .slice(chars.length - tail)
    .join('')
    .trimStart()}`;
}
