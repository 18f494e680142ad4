/**
 * Reading input files for the command line: existence checks with messages a person can act on,
 * the first bytes for sniffing, and streaming (files can be bigger than memory).
 */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Engine } from '../engine/types';
import { HEAD_BYTES } from '../ingest/draft';
import type { ByteSource } from '../ingest/source';
import { readsLocalFiles } from './engine';
import { CliInputError } from './errors';

/** Bytes read from the start of a file to tell its kind, encoding and CSV dialect: the app's sample size. */
export { HEAD_BYTES };

/** An input file that exists and is readable: its path and size. */
export interface InputFile {
  path: string;
  size: number;
}

/** Checks that `file` is a readable regular file; throws {@link CliInputError} saying why not. */
export function checkInputFile(file: string, what = 'input file'): InputFile {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new CliInputError(`${file}: is a directory, not an ${what}.`);
    size = st.size;
  } catch (e) {
    if (e instanceof CliInputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliInputError(`${file}: no such file.`);
    if (code === 'EACCES') throw new CliInputError(`${file}: permission denied.`);
    throw new CliInputError(`${file}: cannot be read (${(e as Error).message}).`);
  }
  try {
    closeSync(openSync(file, 'r'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliInputError(
      code === 'EACCES' ? `${file}: permission denied.` : `${file}: cannot be opened (${(e as Error).message}).`,
    );
  }
  return { path: file, size };
}

/** The first `n` bytes of a file (fewer when the file is shorter). */
export function readHead(file: string, n = HEAD_BYTES): Uint8Array {
  return readRange(file, 0, n);
}

/** Bytes `start` to `start + n` of a file (fewer at its end). */
function readRange(file: string, start: number, n: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const buf = new Uint8Array(Math.max(0, n));
    let got = 0;
    while (got < buf.length) {
      const k = readSync(fd, buf, got, buf.length - got, start + got);
      if (k === 0) break;
      got += k;
    }
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/**
 * A file on disk as the import path's byte source. Native DuckDB reads a UTF-8 file in place
 * and other encodings from a UTF-8 copy in a temporary folder (one chunk in memory at a time);
 * DuckDB-wasm gets the bytes registered, as in the browser.
 */
export function fileSource(file: string): ByteSource {
  const { size } = checkInputFile(file);
  return {
    name: path.basename(file),
    size,
    slice: async (start, end) => readRange(file, start, Math.min(end, size) - start),
    bytes: async () => new Uint8Array(readFileSync(file)),
    chunks: () => fileChunks(file),
    registerText: async (engine: Engine, encoding) => {
      if (!readsLocalFiles(engine)) return null;
      if (encoding === 'utf-8') return { file: path.resolve(file), drop: async () => undefined };
      const tmp = mkdtempSync(path.join(os.tmpdir(), 'tenderlens-cli-'));
      const target = path.join(tmp, 'utf8.csv');
      try {
        await transcodeToUtf8(file, encoding, target);
      } catch (e) {
        rmSync(tmp, { recursive: true, force: true });
        throw e;
      }
      return { file: target, drop: async () => rmSync(tmp, { recursive: true, force: true }) };
    },
  };
}

/** The file's bytes as they are read, in chunks of about 1 MiB. */
export function fileChunks(file: string): AsyncIterable<Uint8Array> {
  return createReadStream(file, { highWaterMark: 1 << 20 });
}

/**
 * Re-encodes a text file as UTF-8 into `target` chunk by chunk (DuckDB's CSV reader reads UTF-8
 * only), dropping a byte-order mark. Memory stays at one chunk whatever the file size.
 */
export async function transcodeToUtf8(file: string, encoding: string, target: string): Promise<void> {
  const decoder = new TextDecoder(encoding);
  const out = createWriteStream(target);
  const write = async (text: string) => {
    if (text && !out.write(text)) await once(out, 'drain');
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    await write(decoder.decode(chunk as Uint8Array, { stream: true }));
  }
  await write(decoder.decode());
  out.end();
  await once(out, 'finish');
}

/** The lines of a text file with their 1-based numbers, streamed. */
export async function* fileLines(file: string): AsyncGenerator<{ line: string; n: number }> {
  const rl = readline.createInterface({
    input: createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  });
  let n = 0;
  try {
    for await (const line of rl) yield { line, n: ++n };
  } finally {
    rl.close();
  }
}
