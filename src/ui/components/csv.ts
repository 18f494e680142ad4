import { recordsToCsvText } from '../../export/csv';

/** Chart or list rows -> formula-safe CSV with a BOM (the one writer, `src/export/csv.ts`). */
export function recordsCsv(rows: readonly Record<string, unknown>[]): string {
  return recordsToCsvText(rows);
}

/**
 * Offers text as a file download (a local Blob URL: nothing leaves the machine). The text
 * carries its own BOM when it needs one (the CSV writer adds it).
 */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
