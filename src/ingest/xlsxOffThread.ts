/**
 * The browser's way to read an .xlsx: the same `xlsx.ts` code, run in a Web Worker
 * (`xlsx.worker.ts`) started for one file and ended after it. Where there is no Worker (Node:
 * tests, the command line) the code runs in-process.
 */
import { IngestError, type IngestErrorCode } from './errors';
import { listSheets, xlsxToCsv, type XlsxAsCsv } from './xlsx';
import { notAWorkbook } from './xlsx/zip';

export interface XlsxRequest {
  op: 'sheets' | 'csv';
  bytes: ArrayBuffer;
  sheet: number | string;
  fileName: string;
}

export type XlsxResponse =
  { ok: true; sheets?: string[]; result?: XlsxAsCsv } | { ok: false; code: IngestErrorCode; userMessage: string; detail: string };

/** Longer than any workbook within the limits takes; after it the worker is stopped and the file refused. */
const WORKER_TIMEOUT_MS = 120_000;

function inWorker(request: XlsxRequest): Promise<XlsxResponse> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./xlsx.worker.ts', import.meta.url), { type: 'module' });
    const done = (r: XlsxResponse) => {
      clearTimeout(timer);
      worker.terminate();
      resolve(r);
    };
    const timer = setTimeout(
      () =>
        done({
          ok: false,
          code: 'too_large',
          userMessage: `Reading “${request.fileName}” took longer than ${WORKER_TIMEOUT_MS / 1000} s and was stopped. Save the sheet as CSV (File › Save As › CSV UTF-8) and import that.`,
          detail: 'xlsx worker timeout',
        }),
      WORKER_TIMEOUT_MS,
    );
    worker.onmessage = (e: MessageEvent<XlsxResponse>) => done(e.data);
    // The worker died (out of memory, say): the page lives on and says so.
    worker.onerror = (e) => {
      e.preventDefault();
      done({ ok: false, code: 'unsupported', userMessage: '', detail: e.message || 'xlsx worker failed' });
    };
    worker.postMessage(request, [request.bytes]);
  });
}

async function run(
  op: XlsxRequest['op'],
  file: Blob | Uint8Array,
  sheet: number | string,
  fileName: string,
): Promise<XlsxResponse> {
  if (typeof Worker === 'undefined') {
    return op === 'sheets'
      ? { ok: true, sheets: await listSheets(file, fileName) }
      : { ok: true, result: await xlsxToCsv(file, sheet, fileName) };
  }
  // A copy of the bytes travels to the worker (transferred, so not copied again).
  const bytes = file instanceof Uint8Array ? (file.slice().buffer as ArrayBuffer) : await file.arrayBuffer();
  return inWorker({ op, bytes, sheet, fileName });
}

function failure(r: Extract<XlsxResponse, { ok: false }>, fileName: string): IngestError {
  return r.userMessage ? new IngestError(r.code, r.userMessage, r.detail) : notAWorkbook(fileName, r.detail);
}

/** The workbook's sheet names, read off the page's thread. */
export async function listSheetsOffThread(file: Blob | Uint8Array, fileName: string): Promise<string[]> {
  const r = await run('sheets', file, 1, fileName);
  if (!r.ok) throw failure(r, fileName);
  return r.sheets ?? [];
}

/** `xlsxToCsv`, off the page's thread. */
export async function xlsxToCsvOffThread(file: Blob | Uint8Array, sheet: number | string, fileName: string): Promise<XlsxAsCsv> {
  const r = await run('csv', file, sheet, fileName);
  if (!r.ok) throw failure(r, fileName);
  return r.result!;
}
