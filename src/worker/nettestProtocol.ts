/**
 * What the main thread and the NetTest import worker (nettestWorker.ts) say to each other. The file goes in
 * as a File (structured clone of a handle, not of its bytes); the measurement columns come back transferred.
 */
import type { MeasurementColumns } from '../core/nettest/measurementColumns.ts';
import type { MeasurementImportOutcome } from '../core/nettest/nettestImport.ts';

export interface MeasurementImportRequest {
  file: File;
  isZip: boolean;
  /** The measurements loaded so far, to add the file's to (deduplicated by open_test_uuid) off the main thread. */
  existing: MeasurementColumns | null;
}

export type { MeasurementImportFailure, MeasurementImportOutcome } from '../core/nettest/nettestImport.ts';

export type MeasurementRequestMessage = { id: number; type: 'import'; request: MeasurementImportRequest };

export type MeasurementResponseMessage =
  | { id: number; type: 'progress'; bytesRead: number; totalBytes: number }
  | { id: number; type: 'result'; outcome: MeasurementImportOutcome };
