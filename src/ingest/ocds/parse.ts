import { compileReleases } from './compile';
import { OCDS_SHAPE_HINT, OcdsError } from './errors';
import { JsonSplitter, SplitError } from './split';
import type { CompiledRelease, JsonObject, Release } from './types';

/**
 * Reads every packaging form OCDS data comes in and yields compiled releases, one per
 * contracting process, without holding the file as one string:
 *
 * - a JSON object (release package, record package, single release or single record) goes
 *   through {@link JsonSplitter}: the elements of `releases` / `records` are cut out of the byte
 *   stream one by one and parsed by the native `JSON.parse`, so only one element is in flight
 *   (a JavaScript tokenizer such as @streamparser/json was ten times slower on the bench);
 * - a JSON array of releases / records / compiled releases is split element by element;
 * - JSON Lines are split into lines and each line goes through the native `JSON.parse`.
 *
 * Releases of one `ocid` must be merged into a compiled release, and in a release package they
 * need not be adjacent, so releases (not records, not compiled releases) are grouped by ocid
 * and compiled when the input ends. Memory for release-oriented files is therefore proportional
 * to the parsed releases; `documents` arrays, which no flag or indicator reads and which are
 * often most of a release, are dropped while parsing unless `keepDocuments` is set.
 */

/** How the bytes are packaged, as far as the first bytes tell. */
export type OcdsForm = 'empty' | 'json-object' | 'json-array' | 'json-lines' | 'not-json';

/** Options of {@link readOcds}. */
export interface ReadOcdsOptions {
  /** Stops reading; the generator throws an `OcdsError` with code `aborted`. */
  signal?: AbortSignal;
  /** Called after each chunk with the number of top-level items (releases or records) and bytes read. */
  onProgress?: (p: { items: number; bytes: number }) => void;
  /** Called for each item that is not a usable release or record, with the reason. */
  onSkip?: (reason: string, sourceIndex: number) => void;
  /** Keep `documents` arrays (default false: they are dropped to save memory). */
  keepDocuments?: boolean;
  /** Bytes inspected to tell JSON from JSON Lines (default 1 MiB). */
  sniffBytes?: number;
}

/** A compiled release with where it came from. */
export interface OcdsItem {
  release: CompiledRelease;
  /** 1-based position, in the file, of the first release (or the record) of this process. */
  sourceIndex: number;
  /** How many releases were merged (1 for a compiled release or a record's compiledRelease). */
  releaseCount: number;
}

/** Input accepted by the readers: the whole file, or its bytes as they arrive. */
export type OcdsSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array> | Uint8Array;

const CHUNK = 1 << 20;

/**
 * Looks at the first bytes of a file and says how it is packaged. An object followed by another
 * object on a later line is JSON Lines; one object (pretty-printed or not) is a JSON object.
 * When the first value does not end within `firstBytes` and contains no line break, the answer
 * is `json-object` (a minified package), so pass enough bytes (readOcds uses 1 MiB).
 */
export function detectOcdsForm(firstBytes: Uint8Array): OcdsForm {
  let i = skipBomAndSpace(firstBytes, 0);
  if (i >= firstBytes.length) return 'empty';
  const c = firstBytes[i];
  if (c === 0x5b /* [ */) return 'json-array';
  if (c !== 0x7b /* { */) return 'not-json';
  // Walk the first value, minding strings, to find where it ends.
  let depth = 0;
  let inString = false;
  for (; i < firstBytes.length; i++) {
    const b = firstBytes[i];
    if (inString) {
      if (b === 0x5c /* \ */) i++;
      else if (b === 0x22) inString = false;
      continue;
    }
    if (b === 0x22) inString = true;
    else if (b === 0x7b || b === 0x5b) depth++;
    else if (b === 0x7d || b === 0x5d) {
      depth--;
      if (depth === 0) {
        const next = skipBomAndSpace(firstBytes, i + 1);
        return next < firstBytes.length && firstBytes[next] === 0x7b ? 'json-lines' : 'json-object';
      }
    }
  }
  return 'json-object';
}

/** Reads OCDS data in any packaging form and yields one compiled release per contracting process. */
export async function* readOcds(source: OcdsSource, opts: ReadOcdsOptions = {}): AsyncGenerator<CompiledRelease> {
  for await (const item of readOcdsItems(source, opts)) yield item.release;
}

/** As {@link readOcds}, with each compiled release's position in the file and release count. */
export async function* readOcdsItems(source: OcdsSource, opts: ReadOcdsOptions = {}): AsyncGenerator<OcdsItem> {
  const chunks = chunksOf(source);
  const sniffLimit = opts.sniffBytes ?? CHUNK;
  // Peek without losing bytes: keep the chunks read for sniffing and replay them.
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let exhausted = false;
  while (headBytes < sniffLimit) {
    const n = await chunks.next();
    if (n.done) {
      exhausted = true;
      break;
    }
    head.push(n.value);
    headBytes += n.value.length;
  }
  const form = detectOcdsForm(concat(head, sniffLimit));
  if (form === 'empty') {
    throw new OcdsError('empty', 'The file is empty. Choose a file that contains OCDS JSON or CSV data.');
  }
  if (form === 'not-json') {
    throw new OcdsError('not_ocds', `This file is not JSON. ${OCDS_SHAPE_HINT}`);
  }
  async function* all(): AsyncGenerator<Uint8Array> {
    // shift, so the sniffed chunks are not kept alive for the whole read
    for (let h = head.shift(); h; h = head.shift()) yield h;
    if (exhausted) return;
    for (let n = await chunks.next(); !n.done; n = await chunks.next()) yield n.value;
  }
  const collector = new Collector(opts);
  const input = all();
  let produced = 0;
  for await (const item of form === 'json-lines' ? readLines(input, collector, opts) : readJson(input, form, collector, opts)) {
    produced++;
    yield item;
  }
  if (produced === 0 && collector.skipped > 0) {
    throw new OcdsError('not_ocds', `No OCDS release or record was found in this file. ${OCDS_SHAPE_HINT}`);
  }
}

/** Accepts a browser `ReadableStream` (e.g. `file.stream()`) as an async iterable of chunks. */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
  } finally {
    reader.releaseLock();
  }
}

/** Groups releases by ocid and turns records, releases and compiled releases into OcdsItems. */
class Collector {
  /** Top-level items seen (releases or records), numbering sourceIndex. */
  items = 0;
  skipped = 0;
  private readonly out: OcdsItem[] = [];
  private readonly groups = new Map<string, { index: number; releases: Release[] }>();

  constructor(private readonly opts: ReadOcdsOptions) {}

  /** Takes what is ready to yield. */
  drain(): OcdsItem[] {
    return this.out.splice(0, this.out.length);
  }

  nextIndex(): number {
    return ++this.items;
  }

  skip(reason: string, index: number): void {
    this.skipped++;
    this.opts.onSkip?.(reason, index);
  }

  /** A release to be merged with the others of its ocid when the input ends. */
  release(r: unknown, index: number): void {
    if (!isObject(r) || typeof r.ocid !== 'string' || r.ocid === '') {
      this.skip('release without an ocid', index);
      return;
    }
    this.prune(r);
    const g = this.groups.get(r.ocid);
    if (g) g.releases.push(r as Release);
    else this.groups.set(r.ocid, { index, releases: [r as Release] });
  }

  /** An already compiled release: ready now. */
  compiled(r: JsonObject, index: number): void {
    if (typeof r.ocid !== 'string' || r.ocid === '') {
      this.skip('compiled release without an ocid', index);
      return;
    }
    this.prune(r);
    this.out.push({ release: r as CompiledRelease, sourceIndex: index, releaseCount: 1 });
  }

  /** A record: its compiledRelease, else its embedded releases compiled. */
  record(rec: unknown, index: number): void {
    if (!isObject(rec)) {
      this.skip('record that is not an object', index);
      return;
    }
    if (isObject(rec.compiledRelease)) {
      const c = rec.compiledRelease;
      // Some publishers leave the ocid on the record only.
      if (typeof c.ocid !== 'string' && typeof rec.ocid === 'string') c.ocid = rec.ocid;
      this.compiled(c, index);
      return;
    }
    const releases = Array.isArray(rec.releases) ? rec.releases.filter((r) => isObject(r) && typeof r.ocid === 'string') : [];
    if (releases.length === 0) {
      // Linked releases ({url, date, tag}) cannot be followed offline.
      this.skip('record with neither a compiledRelease nor embedded releases', index);
      return;
    }
    for (const r of releases) this.prune(r as JsonObject);
    this.out.push({ release: compileReleases(releases as Release[]), sourceIndex: index, releaseCount: releases.length });
  }

  /** Any top-level item of an array or a JSON line: package, record, compiled release or release. */
  item(v: unknown): void {
    if (!isObject(v)) {
      this.skip('item that is not a JSON object', this.nextIndex());
      return;
    }
    if (Array.isArray(v.records)) {
      for (const rec of v.records) this.record(rec, this.nextIndex());
    } else if (isObject(v.compiledRelease) || (Array.isArray(v.releases) && typeof v.ocid === 'string')) {
      this.record(v, this.nextIndex());
    } else if (Array.isArray(v.releases)) {
      for (const r of v.releases) this.release(r, this.nextIndex());
    } else if (isCompiled(v)) {
      this.compiled(v, this.nextIndex());
    } else {
      this.release(v, this.nextIndex());
    }
  }

  /** Forgets the releases of one ocid (they belonged to a record that has a compiledRelease). */
  discard(ocid: string): void {
    this.groups.delete(ocid);
  }

  /** Compiles the grouped releases, in order of first appearance. */
  finish(): void {
    for (const g of this.groups.values()) {
      this.out.push({ release: compileReleases(g.releases), sourceIndex: g.index, releaseCount: g.releases.length });
    }
    this.groups.clear();
  }

  private prune(r: JsonObject): void {
    if (!this.opts.keepDocuments) dropDocuments(r);
  }
}

async function* readLines(
  input: AsyncGenerator<Uint8Array>,
  collector: Collector,
  opts: ReadOcdsOptions,
): AsyncGenerator<OcdsItem> {
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let line = 0;
  let bytes = 0;
  const handle = (text: string) => {
    line++;
    const t = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (t.trim() === '') return;
    let v: unknown;
    try {
      v = JSON.parse(t);
    } catch (e) {
      throw invalidJson(`line ${line}`, e);
    }
    collector.item(v);
  };
  for await (const chunk of input) {
    checkAbort(opts.signal);
    bytes += chunk.length;
    const text = rest + decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl !== -1; nl = text.indexOf('\n', start)) {
      handle(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
    yield* collector.drain();
    opts.onProgress?.({ items: collector.items, bytes });
  }
  rest += decoder.decode();
  if (rest.trim() !== '') handle(rest);
  collector.finish();
  yield* collector.drain();
  opts.onProgress?.({ items: collector.items, bytes });
}

async function* readJson(
  input: AsyncGenerator<Uint8Array>,
  form: 'json-object' | 'json-array',
  collector: Collector,
  opts: ReadOcdsOptions,
): AsyncGenerator<OcdsItem> {
  const splitter = new JsonSplitter(['releases', 'records']);
  // Root members other than releases / records (a single release is its root's members).
  const root: JsonObject = {};
  let recordOcids: string[] = [];
  let releasesWithoutOcid = 0;
  splitter.onEvent = (e) => {
    if (e.kind === 'member') {
      // defineProperty: a "__proto__" key must stay data, as JSON.parse keeps it
      Object.defineProperty(root, e.key, { value: e.value, enumerable: true, writable: true, configurable: true });
    } else if (e.container === '$') {
      collector.item(e.value);
    } else if (e.container === 'records') {
      collector.record(e.value, collector.nextIndex());
    } else if (isObject(e.value) && typeof e.value.ocid === 'string' && e.value.ocid !== '') {
      recordOcids.push(e.value.ocid);
      collector.release(e.value, collector.nextIndex());
    } else {
      // Linked releases of a record have no ocid; whether that is a problem is known at the end.
      releasesWithoutOcid++;
    }
  };
  let bytes = 0;
  let first = true;
  const fail = (e: unknown): never => {
    if (e instanceof SplitError) throw invalidJson(`line ${splitter.lineAt(e.offset)}`, e, e.truncated);
    throw e;
  };
  for await (const chunk of input) {
    checkAbort(opts.signal);
    for (let off = 0; off < chunk.length; off += CHUNK) {
      let part = chunk.subarray(off, off + CHUNK);
      if (first) {
        part = part.subarray(skipBomAndSpace(part, 0, false));
        first = false;
      }
      try {
        splitter.write(part);
      } catch (e) {
        if (e instanceof SplitError && splitter.done && /after the end/.test(e.message)) {
          throw new OcdsError(
            'invalid_json',
            `The file has more data after its JSON value ended (line ${splitter.lineAt(e.offset)}). If it has one JSON object per line, save it as JSON Lines (.jsonl) with each object on a single line.`,
          );
        }
        fail(e);
      }
      bytes += part.length;
      yield* collector.drain();
      opts.onProgress?.({ items: collector.items, bytes });
      checkAbort(opts.signal);
    }
  }
  try {
    splitter.end();
  } catch (e) {
    fail(e);
  }
  if (form === 'json-object') {
    if (Array.isArray(root.records)) {
      // record package: records were handled as they came
    } else if (isObject(root.compiledRelease)) {
      // single record: its compiledRelease stands for the releases embedded beside it
      for (const o of new Set(recordOcids)) collector.discard(o);
      recordOcids = [];
      collector.compiled(root.compiledRelease, 1);
    } else if (Array.isArray(root.releases)) {
      // release package, or a record without compiledRelease: releases are grouped already
      for (let k = 0; k < releasesWithoutOcid; k++) collector.skip('release without an ocid', 0);
    } else if (typeof root.ocid === 'string' && root.ocid !== '') {
      if (isCompiled(root)) collector.compiled(root, collector.nextIndex());
      else collector.release(root, collector.nextIndex());
    } else {
      throw notOcds(root);
    }
  }
  collector.finish();
  yield* collector.drain();
  opts.onProgress?.({ items: collector.items, bytes });
}

function invalidJson(where: string, cause: unknown, truncated = false): OcdsError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const hint = truncated
    ? 'The file ends in the middle of the data: check that it was downloaded or copied completely.'
    : 'Check that the file is complete and was not edited by hand.';
  return new OcdsError('invalid_json', `The file is not valid JSON: the error is at ${where}. ${hint}`, detail, cause);
}

function checkAbort(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new OcdsError('aborted', 'The import was cancelled.');
}

/** Compiled releases carry `tag: ['compiled']`; Cardinal's inputs are compiled releases too. */
function isCompiled(v: JsonObject): boolean {
  return Array.isArray(v.tag) ? v.tag.includes('compiled') : v.tag === 'compiled';
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Removes `documents` where OCDS puts them (they are unused and often most of a release). */
function dropDocuments(r: JsonObject): void {
  delete r.documents;
  for (const k of ['planning', 'tender']) if (isObject(r[k])) delete (r[k] as JsonObject).documents;
  for (const k of ['awards', 'contracts']) {
    const arr = r[k];
    if (!Array.isArray(arr)) continue;
    for (const x of arr) {
      if (!isObject(x)) continue;
      delete x.documents;
      if (isObject(x.implementation)) delete x.implementation.documents;
    }
  }
  const bids = r.bids;
  if (isObject(bids) && Array.isArray(bids.details)) for (const b of bids.details) if (isObject(b)) delete b.documents;
}

function skipBomAndSpace(b: Uint8Array, i: number, space = true): number {
  if (i === 0 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) i = 3;
  if (!space) return i;
  while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
  return i;
}

function concat(parts: Uint8Array[], limit: number): Uint8Array {
  if (parts.length === 1) return parts[0].subarray(0, limit);
  const total = Math.min(
    limit,
    parts.reduce((s, p) => s + p.length, 0),
  );
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    if (at >= total) break;
    const take = p.subarray(0, total - at);
    out.set(take, at);
    at += take.length;
  }
  return out;
}

function chunksOf(source: OcdsSource): AsyncIterator<Uint8Array> {
  if (source instanceof Uint8Array) {
    return (async function* () {
      for (let off = 0; off < source.length; off += CHUNK) yield source.subarray(off, off + CHUNK);
    })();
  }
  if (Symbol.asyncIterator in source) return (source as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const it = (source as Iterable<Uint8Array>)[Symbol.iterator]();
  return {
    async next() {
      return it.next();
    },
  };
}

/** What a JSON value is, in a word, for messages ("an object", "a string"). */
function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

/**
 * Why a top-level object is not OCDS, truthfully: a "releases" or "records" key that is there
 * but is not an array is named as such (it is not "missing").
 */
function notOcds(root: Record<string, unknown>): OcdsError {
  for (const key of ['releases', 'records'] as const) {
    if (key in root)
      return new OcdsError(
        'not_ocds',
        `This JSON has "${key}", but it is ${jsonKind(root[key])}; OCDS needs a list there: {"${key}": [ {…}, {…} ]}. ${OCDS_SHAPE_HINT}`,
      );
  }
  const keys = Object.keys(root).slice(0, 8).join(', ');
  return new OcdsError(
    'not_ocds',
    `This JSON is not OCDS: it has no "ocid", "releases" or "records"${keys ? ` (its top-level keys are: ${keys})` : ''}. ${OCDS_SHAPE_HINT}`,
  );
}
