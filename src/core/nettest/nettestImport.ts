/**
 * One NetTest file → measurement columns: the body of the import worker, also run in-process where there is no
 * Worker (Node tests). The country's ObecIndex decides what lies in Czechia.
 */
import type { ObecIndex } from '../lookup/obecIndex.ts';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';
import { mergeColumns, type MeasurementColumns } from './measurementColumns.ts';
import { readNettestStream } from './readNettestStream.ts';
import type { NettestReadFailure, NettestReadSummary } from './readNettestStream.ts';

/** Anything with a name, a size and a byte stream: a File, or a test's stand-in. */
export type MeasurementImportFailure =
  | NettestReadFailure
  | 'nettest.boundariesUnavailable'
  | 'nettest.unreadable'
  | 'nettest.workerFailed'
  | 'nettest.tooLarge';

export type MeasurementImportOutcome =
  /** `columns`: the existing ones followed by the file's new rows; `added`, `duplicates`: of the file's rows. */
  | { ok: true; columns: MeasurementColumns; summary: NettestReadSummary; added: number; duplicates: number }
  | { ok: false; code: MeasurementImportFailure; missing?: string[]; files?: string[]; message?: string; params?: Record<string, number> };

export interface StreamableFile {
  name: string;
  size: number;
  stream(): ReadableStream<Uint8Array>;
}

async function* chunksOfStream(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export async function importMeasurementFile(
  file: StreamableFile,
  isZip: boolean,
  index: ObecIndex,
  onProgress: (bytesRead: number, totalBytes: number) => void,
  existing: MeasurementColumns | null = null,
): Promise<MeasurementImportOutcome> {
  if (file.size > INPUT_LIMITS.fileBytes.nettest)
    return { ok: false, code: 'nettest.tooLarge', params: { limitMb: INPUT_LIMITS.fileBytes.nettest / 1024 / 1024 } };
  try {
    const result = await readNettestStream(chunksOfStream(file.stream()), isZip, {
      fileName: file.name,
      isInsideCzechia: (lon, lat) => index.findContaining(lon, lat) >= 0,
      onProgress: (bytesRead) => onProgress(bytesRead, file.size),
    });
    if (!result.ok)
      return {
        ok: false,
        code: result.code,
        ...(result.missing ? { missing: result.missing } : {}),
        ...(result.files ? { files: result.files } : {}),
        ...(result.params ? { params: result.params } : {}),
      };
    if (!existing || existing.count === 0) return { ...result, added: result.columns.count, duplicates: 0 };
    const merged = mergeColumns(existing, result.columns);
    return { ok: true, columns: merged.columns, summary: result.summary, added: merged.added, duplicates: merged.duplicates };
  } catch (error: unknown) {
    // The browser could not read the file (moved, permission withdrawn): a coded failure.
    return { ok: false, code: 'nettest.unreadable', message: error instanceof Error ? error.message : String(error) };
  }
}
