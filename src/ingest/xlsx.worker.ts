/// <reference lib="webworker" />
/**
 * The .xlsx reader in a Web Worker: the page's thread stays responsive while a workbook is
 * unzipped and scanned, and a workbook that still exhausts memory takes down only this worker
 * (the page reports it), never the tab's data.
 */
import { IngestError } from './errors';
import { listSheets, xlsxToCsv } from './xlsx';
import type { XlsxRequest, XlsxResponse } from './xlsxOffThread';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (e: MessageEvent<XlsxRequest>) => {
  const { bytes, sheet, fileName, op } = e.data;
  let reply: XlsxResponse;
  try {
    if (op === 'sheets') reply = { ok: true, sheets: await listSheets(bytes, fileName) };
    else reply = { ok: true, result: await xlsxToCsv(bytes, sheet, fileName) };
  } catch (err) {
    const ingest = err instanceof IngestError;
    reply = {
      ok: false,
      code: ingest ? err.code : 'unsupported',
      userMessage: ingest ? err.userMessage : '',
      detail: String((err as Error)?.message ?? err),
    };
  }
  const transfer = reply.ok && reply.result ? [reply.result.csv.buffer as ArrayBuffer] : [];
  self.postMessage(reply, transfer);
};
