/**
 * What the main thread and the analysis worker say to each other: plain, structured-cloneable data.
 * One request runs clustering (all reports, so locality ids stay stable whatever is filtered), the evidence meter
 * per locality, and aggregation per ORP, obec and H3 cell of the reports that pass the filters.
 */
import type { MeasurementColumns } from '../core/nettest/measurementColumns.ts';
import type { AnalysisErrorCode, AnalysisProgress, AnalysisRequest, AnalysisResult } from '../core/analysis/analysisTypes.ts';
import type { MeasurementCellsRequest, MeasurementCellsResult, MeasurementPointsRequest, MeasurementPointsResult } from '../core/analysis/loadedNettest.ts';

export * from '../core/analysis/analysisTypes.ts';

export type AnalysisRequestMessage =
  | { id: number; type: 'analyse'; request: AnalysisRequest }
  /** The measurements from now on (null: none); the worker keeps them, with their R-tree, until the next ones. */
  | { id: number; type: 'measurements'; version: number; columns: MeasurementColumns | null }
  | { id: number; type: 'measurementCells'; request: MeasurementCellsRequest }
  | { id: number; type: 'measurementPoints'; request: MeasurementPointsRequest };

export type AnalysisResponseMessage =
  | { id: number; type: 'progress'; progress: AnalysisProgress }
  | { id: number; type: 'result'; result: AnalysisResult }
  | { id: number; type: 'error'; code: AnalysisErrorCode; message: string }
  /** null: the worker holds another version of the measurements (a newer request is on its way). */
  | { id: number; type: 'measurementCells'; result: MeasurementCellsResult | null }
  | { id: number; type: 'measurementPoints'; result: MeasurementPointsResult | null };
