/**
 * Reading the parts of an .xlsx (a zip archive) within stated bounds. fflate inflates only the
 * parts we ask for, into a buffer of the size the archive declares; we refuse a part before
 * inflating it when that size is over the limit, so a small file cannot make us allocate gigabytes
 * (and fflate does not grow the buffer if the declared size lies).
 */
import { unzipSync } from 'fflate';
import { IngestError } from '../errors';
import { XLSX_LIMITS } from './limits';

/** The named parts of an archive, inflated; a missing part is absent from the map. */
export function readParts(bytes: Uint8Array, names: readonly string[], fileName: string): Map<string, Uint8Array> {
  const wanted = new Set(names);
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!wanted.has(f.name)) return false;
        if (f.originalSize > XLSX_LIMITS.partBytes) throw partTooLarge(fileName, f.name, f.originalSize);
        total += f.originalSize;
        if (total > XLSX_LIMITS.totalBytes) throw partTooLarge(fileName, 'all parts', total);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof IngestError) throw e;
    throw notAWorkbook(fileName, e);
  }
  return new Map(Object.entries(files));
}

/** The error for a file that is not a readable .xlsx. */
export function notAWorkbook(fileName: string, cause?: unknown): IngestError {
  return new IngestError(
    'unsupported',
    `“${fileName}” could not be read as an Excel .xlsx workbook. Save it again from Excel or LibreOffice as .xlsx, or as CSV.`,
    cause === undefined ? undefined : String((cause as Error)?.message ?? cause),
  );
}

function partTooLarge(fileName: string, part: string, bytes: number): IngestError {
  const mb = (n: number) => `${Math.round(n / 2 ** 20).toLocaleString('en')} MB`;
  return new IngestError(
    'too_large',
    `“${fileName}” unpacks to ${mb(bytes)} (${part}), more than the ${mb(part === 'all parts' ? XLSX_LIMITS.totalBytes : XLSX_LIMITS.partBytes)} a workbook may hold here. Save the sheet as CSV (File › Save As › CSV UTF-8) and import that.`,
  );
}
