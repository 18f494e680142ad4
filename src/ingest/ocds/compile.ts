import type { CompiledRelease, JsonObject, Release } from './types';

/**
 * A simplified version of OCDS's merge routine (https://standard.open-contracting.org/1.1/en/schema/merging/),
 * enough to turn the releases of one process into its compiled release:
 *
 * 1. Releases are sorted by `date` (stable; a release without a date sorts first, so any dated
 *    release overrides it). Ties keep file order, so a later line wins.
 * 2. They are folded left to right, the later release winning:
 *    - an object is merged field by field, recursively;
 *    - an array whose elements (in both the old and new value) are all objects with an `id` is
 *      merged by `id` (matched entries merged recursively, new ids appended in order of
 *      appearance) — that is how awards, contracts, parties, items and bids accumulate;
 *    - any other array, and any scalar, is replaced by the later value;
 *    - a `null` removes the field, as in OCDS.
 * 3. The result gets `tag: ['compiled']`, `date` of the latest release and
 *    `id: '<ocid>-<date>'`, the convention of OCDS's reference compiler.
 *
 * A process with a single release is taken as it is (only `tag` and `id` change): merging it
 * with nothing would only strip its `null`s, and it is most processes of a bulk file, so the
 * copy is skipped for speed. (Repeated award / contract ids are merged later by the flattener.)
 *
 * Not implemented (documented simplifications): `wholeListMerge` / `omitWhenMerged` from the
 * schema, versioned releases, and `id` collisions across different array paths.
 */
export function compileReleases(releases: readonly Release[]): CompiledRelease {
  if (releases.length === 0) throw new Error('compileReleases needs at least one release');
  if (releases.length === 1) {
    const r = releases[0];
    return { ...r, id: r.date ? `${r.ocid}-${r.date}` : `${r.ocid}-compiled`, tag: ['compiled'] };
  }
  const sorted = releases
    .map((r, i) => ({ r, i }))
    .sort((a, b) => compareDates(a.r.date, b.r.date) || a.i - b.i)
    .map((x) => x.r);
  let acc: JsonObject = {};
  for (const r of sorted) acc = mergeObjects(acc, r as JsonObject);
  const latest = sorted[sorted.length - 1];
  const ocid = String(acc.ocid ?? latest.ocid);
  const date = latest.date ?? (acc.date as string | undefined) ?? null;
  const out: JsonObject = { ...acc, ocid, id: date ? `${ocid}-${date}` : `${ocid}-compiled`, tag: ['compiled'] };
  if (date) out.date = date;
  return out as CompiledRelease;
}

/** Merges `later` into `earlier` (neither is modified) following the rules of {@link compileReleases}. */
export function mergeObjects(earlier: JsonObject, later: JsonObject): JsonObject {
  const out: JsonObject = { ...earlier };
  for (const [k, v] of Object.entries(later)) {
    if (v === null) {
      delete out[k];
      continue;
    }
    if (v === undefined) continue;
    out[k] = mergeValues(out[k], v);
  }
  return out;
}

function mergeValues(earlier: unknown, later: unknown): unknown {
  if (isObject(later)) return isObject(earlier) ? mergeObjects(earlier, later) : mergeObjects({}, later);
  if (Array.isArray(later)) {
    if (Array.isArray(earlier) && allIdentified(later) && allIdentified(earlier)) return mergeById(earlier, later);
    // A fresh array of identified objects still gets its nulls stripped, so the result looks merged.
    if (allIdentified(later)) return mergeById([], later);
    return later;
  }
  return later;
}

function mergeById(earlier: readonly JsonObject[], later: readonly JsonObject[]): JsonObject[] {
  const out = earlier.slice();
  const index = new Map<string, number>();
  out.forEach((o, i) => index.set(String(o.id), i));
  for (const item of later) {
    const key = String(item.id);
    const at = index.get(key);
    if (at === undefined) {
      index.set(key, out.length);
      out.push(mergeObjects({}, item));
    } else {
      out[at] = mergeObjects(out[at], item);
    }
  }
  return out;
}

function allIdentified(a: readonly unknown[]): a is JsonObject[] {
  // An empty array counts: it neither blocks nor triggers an id merge on its own.
  return a.every((x) => isObject(x) && x.id !== undefined && x.id !== null);
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Orders RFC 3339 dates; missing or unparseable dates sort first. */
function compareDates(a: unknown, b: unknown): number {
  const ta = typeof a === 'string' ? Date.parse(a) : NaN;
  const tb = typeof b === 'string' ? Date.parse(b) : NaN;
  const na = Number.isNaN(ta);
  const nb = Number.isNaN(tb);
  if (na && nb) return 0;
  if (na) return -1;
  if (nb) return 1;
  return ta - tb;
}
