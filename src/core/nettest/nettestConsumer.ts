/**
 * Feeds parsed CSV rows (arrays of cells, header first) into a NettestIngest: the shape papaparse's `step` and its
 * Node stream deliver, in a worker or in the CLI alike.
 */
import { NettestIngest, type IngestSummary } from './ingestNettest.ts';

export type NettestConsumerResult =
  | { ok: true; ingest: NettestIngest; summary: IngestSummary }
  | { ok: false; code: 'nettest.empty' | 'nettest.missingColumns'; missing?: string[] };

export class NettestConsumer {
  private ingest: NettestIngest | null = null;
  private failure: NettestConsumerResult | null = null;

  constructor(private readonly isInsideCzechia: (lon: number, lat: number) => boolean) {}

  row(cells: readonly string[]): void {
    if (this.failure) return;
    if (!this.ingest) {
      if (cells.length === 1 && cells[0]!.trim() === '') return; // blank lines before the header
      const started = NettestIngest.start(
        cells.map((c) => c.replace(/^\uFEFF/, '')),
        this.isInsideCzechia,
      );
      if (!started.ok) this.failure = { ok: false, code: started.code, missing: started.missing };
      else this.ingest = started.ingest;
      return;
    }
    if (cells.length === 1 && cells[0]!.trim() === '') return;
    this.ingest.addRow(cells);
  }

  finish(): NettestConsumerResult {
    if (this.failure) return this.failure;
    if (!this.ingest) return { ok: false, code: 'nettest.empty' };
    return { ok: true, ingest: this.ingest, summary: this.ingest.summary() };
  }
}
