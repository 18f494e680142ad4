/**
 * What an .xlsx may hold before we refuse it, each limit named in the message that refuses.
 * They keep a crafted 2 KB file from taking gigabytes: memory is bounded by the uncompressed
 * parts plus the filled cells, never by the sheet's nominal size (Excel allows 16 384 × 1 048 576).
 */
export const XLSX_LIMITS = {
  /** Uncompressed size of one part (the sheet or the shared strings). */
  partBytes: 512 * 2 ** 20,
  /** Uncompressed size of all parts read. */
  totalBytes: 768 * 2 ** 20,
  /** Filled cells in the sheet. */
  cells: 5_000_000,
  /** Columns of the table once far-away stray cells are set aside. */
  columns: 1_000,
  /** Rows × columns of the table once stray cells are set aside (the CSV we write is that big). */
  area: 50_000_000,
  /** More empty columns than this between filled ones separate a stray cell from the table. */
  columnGap: 50,
  /** More empty rows than this between filled ones separate a stray cell from the table. */
  rowGap: 1_000,
} as const;
