/**
 * One point that stands for a report's geometry (a point itself, a line's middle along its length, a point inside an
 * area), apart from derivePlace.ts so that its readers (the ZSJ of a report, aggregation) do not pull the whole
 * lookup (polygon intersection, S-JTSK) with them.
 */
import { along, length as turfLength, lineString, pointOnFeature, feature } from '@turf/turf';
import type { ReportGeometry } from './report.ts';

export function representativePoint(geometry: ReportGeometry): [number, number] {
  if (geometry.type === 'Point') return [geometry.coordinates[0]!, geometry.coordinates[1]!];
  if (geometry.type === 'LineString') {
    const line = lineString(geometry.coordinates);
    const middle = along(line, turfLength(line) / 2);
    return middle.geometry.coordinates as [number, number];
  }
  return pointOnFeature(feature(geometry)).geometry.coordinates as [number, number];
}
