import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fingerprintBlob, fingerprintChunks, uploadDatasetId } from '../../src/ingest/fingerprint';

const sha256sum = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Cuts `bytes` into chunks at the given offsets (sorted, deduplicated), as a stream would. */
function cut(bytes: Uint8Array, at: number[]): Uint8Array[] {
  const edges = [0, ...[...new Set(at.map((a) => a % (bytes.length + 1)))].sort((a, b) => a - b), bytes.length];
  return edges.slice(1).map((end, i) => bytes.subarray(edges[i], end));
}

describe('a dataset fingerprint', () => {
  it('is the SHA-256 of the bytes, as sha256sum prints it, however the stream is chunked', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(), { maxLength: 6 }), async (bytes, at) => {
        expect(await fingerprintChunks(cut(bytes, at))).toBe(sha256sum(bytes));
      }),
      { numRuns: 80 },
    );
  });

  it('tells apart two CSV files with the same header and row count (they used to collide)', async () => {
    const a = new Blob(['buyer;amount\nAlpha;100\nBeta;200\n']);
    const b = new Blob(['buyer;amount\nAlpha;100\nBeta;201\n']);
    const [fa, fb] = [await fingerprintBlob(a), await fingerprintBlob(b)];
    expect(fa).not.toBe(fb);
    expect(uploadDatasetId(fa)).not.toBe(uploadDatasetId(fb));
  });

  it('streams a file bigger than a slice to the same answer as Node reading it whole', async () => {
    const big = new Uint8Array(9 * 1024 * 1024 + 17).map((_, i) => (i * 2654435761) >>> 24);
    expect(await fingerprintBlob(new Blob([big]))).toBe(sha256sum(big));
  });
});
