/**
 * The imported measurements as the analysis worker holds them between requests: the columns (sent once per
 * version), their R-tree and each row's H3 cell, both built on first use and kept. Attachment to localities, the
 * map's cells and the points in view are all answered from here.
 */
import type Flatbush from 'flatbush';
import type { EvidenceThresholds } from '../evidence/evidenceMeter.ts';
import { attachMeasurements, indexMeasurements, type LocalityGeometries } from '../nettest/attachMeasurements.ts';
import type { MeasurementColumns } from '../nettest/measurementColumns.ts';
import {
  H3CellCache,
  measurementCells,
  measurementPointsIn,
  type MeasurementCellSummary,
  type MeasurementFilter,
  type MeasurementPoint,
} from '../nettest/measurementLayer.ts';

export interface MeasurementCellsRequest {
  version: number;
  resolution: number;
  filter: MeasurementFilter;
  thresholds: EvidenceThresholds;
}

export interface MeasurementPointsRequest {
  version: number;
  bbox: [number, number, number, number];
  filter: MeasurementFilter;
  limit: number;
  thresholds: EvidenceThresholds;
}

export interface MeasurementCellsResult {
  version: number;
  resolution: number;
  filter: MeasurementFilter;
  cells: MeasurementCellSummary[];
}

export interface MeasurementPointsResult {
  version: number;
  points: MeasurementPoint[];
  /** All in the box passing the filter (more than the points when the limit cut them). */
  total: number;
}

export class LoadedMeasurements {
  private index: Flatbush | null | undefined;
  private cells: H3CellCache | undefined;

  constructor(
    readonly version: number,
    readonly columns: MeasurementColumns,
  ) {}

  private spatialIndex(): Flatbush | null {
    if (this.index === undefined) this.index = indexMeasurements(this.columns);
    return this.index;
  }

  attach(localities: readonly LocalityGeometries[], marginM: number): Map<string, Int32Array> {
    return attachMeasurements(this.columns, this.spatialIndex(), localities, { marginM });
  }

  cellsFor(request: MeasurementCellsRequest): MeasurementCellsResult {
    this.cells ??= new H3CellCache(this.columns);
    return {
      version: this.version,
      resolution: request.resolution,
      filter: request.filter,
      cells: measurementCells(this.columns, this.cells.at(request.resolution), request.filter, request.thresholds),
    };
  }

  pointsFor(request: MeasurementPointsRequest): MeasurementPointsResult {
    const { points, total } = measurementPointsIn(this.columns, this.spatialIndex(), request.bbox, request.filter, request.limit, request.thresholds);
    return { version: this.version, points, total };
  }
}
