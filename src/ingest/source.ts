/**
 * Where an import's bytes come from. The browser hands over a File (a Blob), the command line a
 * path on disk; everything from detection to `purchases` (src/ingest/draft.ts, importer.ts) reads
 * them only through this interface, so both run the same code on the same sample.
 */
import type { Engine } from '../engine/types';
import type { TextEncodingName } from './detect';
import { checkSize } from './errors';
import { streamChunks } from './ocds/parse';

/** Non-UTF-8 text is re-encoded in JS memory, which costs about three times the file. */
export const MAX_REENCODE_BYTES = 400_000_000;

/** A file readable by SQL under `file`, and how to forget it again. */
export interface ReadableFile {
  file: string;
  drop(): Promise<void>;
}

/** An input file, whatever holds it. */
export interface ByteSource {
  /** The file's name as people know it (no directory). */
  readonly name: string;
  readonly size: number;
  /** Bytes `start` to `end` (exclusive; clipped at the end of the file). */
  slice(start: number, end: number): Promise<Uint8Array>;
  /** The whole file. */
  bytes(): Promise<Uint8Array>;
  /** The file in chunks, for streaming readers (OCDS). */
  chunks(): AsyncIterable<Uint8Array>;
  /** The browser's Blob, when there is one (the XLSX reader takes it as it is). */
  readonly blob?: Blob;
  /**
   * Makes the text, as UTF-8, readable by `engine` under a name derived from `hint`, when this
   * source can do it better than copying bytes (a browser File read in place; a path native
   * DuckDB reads itself). Returns null to take the default: the bytes, re-encoded, registered.
   */
  registerText?(engine: Engine, encoding: TextEncodingName, hint: string): Promise<ReadableFile | null>;
}

/** An engine that can read a browser File in place (no copy into JS memory). */
interface FileHandleEngine extends Engine {
  registerBrowserFile(name: string, file: File): Promise<void>;
}
function canRegisterHandle(engine: Engine): engine is FileHandleEngine {
  return typeof (engine as Partial<FileHandleEngine>).registerBrowserFile === 'function';
}

/** A browser File (or any named Blob) as a byte source. */
export function blobSource(file: Blob & { name: string }): ByteSource {
  return {
    name: file.name,
    size: file.size,
    blob: file,
    slice: async (start, end) => new Uint8Array(await file.slice(start, end).arrayBuffer()),
    bytes: async () => new Uint8Array(await file.arrayBuffer()),
    chunks: () => streamChunks(file.stream()),
    registerText: async (engine, encoding, hint) => {
      if (encoding !== 'utf-8' || !canRegisterHandle(engine) || typeof File === 'undefined' || !(file instanceof File))
        return null;
      await engine.registerBrowserFile(hint, file);
      return { file: hint, drop: () => engine.dropFile(hint).catch(() => undefined) };
    },
  };
}

/** Bytes already in memory as a byte source (tests, converted sheets). */
export function bytesSource(name: string, data: Uint8Array): ByteSource {
  return {
    name,
    size: data.length,
    slice: async (start, end) => data.slice(start, end),
    bytes: async () => data,
    chunks: async function* () {
      for (let i = 0; i < data.length; i += 1 << 20) yield data.subarray(i, i + (1 << 20));
    },
  };
}

/** The UTF-8 bytes DuckDB will read, decoded in chunks where the file is not UTF-8. */
export async function utf8Bytes(
  source: ByteSource,
  encoding: TextEncodingName,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  if (encoding === 'utf-8') return source.bytes();
  checkSize(source.name, source.size, MAX_REENCODE_BYTES);
  const decoder = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  const chunk = 8 * 1024 * 1024;
  for (let offset = 0; offset < source.size; offset += chunk) {
    if (signal?.aborted) throw new DOMException('Import cancelled', 'AbortError');
    const bytes = await source.slice(offset, offset + chunk);
    parts.push(encoder.encode(decoder.decode(bytes, { stream: offset + chunk < source.size })));
    onProgress?.(Math.min(source.size, offset + chunk), source.size);
  }
  const text = decoder.decode();
  if (text) parts.push(encoder.encode(text));
  return concat(parts);
}

/** The parts one after another. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Makes the source's text readable as UTF-8 under `hint`: in place where the source can
 * (`registerText`), else its bytes re-encoded and registered.
 */
export async function registerText(
  engine: Engine,
  source: ByteSource,
  encoding: TextEncodingName,
  hint: string,
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ReadableFile> {
  const inPlace = await source.registerText?.(engine, encoding, hint);
  if (inPlace) return inPlace;
  await engine.registerFile(hint, await utf8Bytes(source, encoding, onProgress, signal));
  return { file: hint, drop: () => engine.dropFile(hint).catch(() => undefined) };
}
