/**
 * Reading input files for the command line: existence checks with messages a person can act on,
 * the first bytes for sniffing, and streaming (files can be bigger than memory).
 */
import { closeSync, createReadStream, createWriteStream, openSync, readSync, statSync } from 'node:fs';
import { once } from 'node:events';
import readline from 'node:readline';
import { CliInputError } from './errors';

/** Bytes read from the start of a file to tell its kind, encoding and CSV dialect. */
export const HEAD_BYTES = 64 * 1024;

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
  const fd = openSync(file, 'r');
  try {
    const buf = new Uint8Array(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
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
