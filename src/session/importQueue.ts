import { headerSignature } from '../ingest/mapping';
import { fingerprintBlob, uploadDatasetId } from '../ingest/fingerprint';
import {
  draftImport,
  importOcds,
  importTable,
  storedOptions,
  type ImportDraft,
  type ImportOutcome,
  type TableDraft,
} from './imports';
import type { SessionEngine } from './sessionEngine';
import { saveDataset, saveMapping } from './storage';

/** Where the current file is in its import. */
export type ImportStatus =
  | { state: 'idle' }
  | { state: 'drafting'; fileName: string }
  | { state: 'confirm'; file: File; draft: TableDraft }
  | { state: 'loading'; fileName: string; stage: string; done?: number; total?: number; startedAt: number }
  | { state: 'cancelled'; fileName: string };

/** One finished or failed import, shown in the Data screen's log. */
export interface ImportLogEntry {
  fileName: string;
  outcome?: ImportOutcome;
  error?: string;
}

export interface ImportQueueState {
  status: ImportStatus;
  log: readonly ImportLogEntry[];
}

/** What the queue asks of the session that owns it. */
export interface ImportHost {
  engine: SessionEngine;
  /** A dataset's rows are in: refresh the screens and the derived tables (not awaited by the queue). */
  imported(datasetId: string, options: unknown, outcome: ImportOutcome): void;
  /** The queue's state changed. */
  changed(state: ImportQueueState): void;
}

const CANCELLED = 'Import cancelled: nothing from this file was kept.';

/**
 * The upload queue: files dropped or picked are drafted one at a time; table files wait for the
 * person to confirm the mapping. A failure leaves every dataset already loaded as it was. Each
 * loaded file is saved in this browser (IndexedDB) with its confirmed options.
 */
export class ImportQueue {
  private files: File[] = [];
  private busy = false;
  private abort: AbortController | null = null;
  private state: ImportQueueState = { status: { state: 'idle' }, log: [] };

  constructor(private readonly host: ImportHost) {}

  get current(): ImportQueueState {
    return this.state;
  }

  /** Adds files to the queue and starts on the first. */
  add(files: readonly File[]): void {
    this.files.push(...files);
    void this.next();
  }

  /** The person confirmed the mapping of the file waiting for it. */
  confirm(draft: TableDraft): void {
    const s = this.state.status;
    if (s.state === 'confirm') void this.load(s.file, draft);
  }

  cancel(): void {
    this.abort?.abort();
    const s = this.state.status;
    if (s.state === 'confirm') this.finish({ fileName: s.file.name, error: CANCELLED });
    if (s.state === 'loading') void this.host.engine.cancel();
  }

  private set(status: ImportStatus, log = this.state.log): void {
    this.state = { status, log };
    this.host.changed(this.state);
  }

  private finish(entry: ImportLogEntry): void {
    // Name the file in every message, so a queue of several files stays readable.
    if (entry.error && !entry.error.includes(entry.fileName)) entry = { ...entry, error: `“${entry.fileName}”: ${entry.error}` };
    this.busy = false;
    this.set({ state: 'idle' }, [entry, ...this.state.log].slice(0, 20));
    setTimeout(() => void this.next(), 0);
  }

  private async next(): Promise<void> {
    if (this.busy) return;
    const file = this.files.shift();
    if (!file) return;
    this.busy = true;
    this.set({ state: 'drafting', fileName: file.name });
    try {
      const draft = await draftImport(file);
      if (draft.kind === 'ocds') await this.load(file, draft);
      else this.set({ state: 'confirm', file, draft });
    } catch (e) {
      this.finish({ fileName: file.name, error: errorText(e) });
    }
  }

  private async load(file: File, draft: ImportDraft): Promise<void> {
    this.abort = new AbortController();
    const startedAt = performance.now();
    const engine = this.host.engine;
    this.set({ state: 'loading', fileName: file.name, stage: 'read', startedAt });
    try {
      const datasetId = uploadDatasetId(await fingerprintBlob(file));
      const progress = {
        signal: this.abort.signal,
        onProgress: (stage: string, done?: number, total?: number) =>
          this.set({ state: 'loading', fileName: file.name, stage, done, total, startedAt }),
      };
      const outcome =
        draft.kind === 'ocds'
          ? await importOcds(engine, file, draft, datasetId, progress)
          : await importTable(engine, file, draft, datasetId, progress);
      const options = storedOptions(draft);
      this.host.imported(datasetId, options, outcome);
      await saveDataset({
        datasetId,
        name: file.name,
        fileName: file.name,
        kind: draft.kind,
        options,
        blob: file,
        bytes: file.size,
        savedAt: new Date().toISOString(),
      }).catch(() => undefined);
      if (draft.kind !== 'ocds') {
        const signature = headerSignature(draft.detection.headers);
        await saveMapping({ signature, mapping: draft.mapping, formats: draft.formats, savedAt: new Date().toISOString() }).catch(
          () => undefined,
        );
      }
      this.finish({ fileName: file.name, outcome });
    } catch (e) {
      this.finish({ fileName: file.name, error: (e as Error)?.name === 'AbortError' ? CANCELLED : errorText(e) });
    }
  }
}

/** A sentence for people: the error's own `userMessage` when it has one. */
export function errorText(e: unknown): string {
  return (e as { userMessage?: string })?.userMessage ?? String((e as Error)?.message ?? e);
}
