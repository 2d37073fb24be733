/**
 * Statistics of reports per unit — kraj, ORP, obec or H3 cell — as plain data. Units come from the geometry and
 * the boundaries (not from the stored place, which may predate a boundary change): points by point-in-polygon,
 * lines by the length in each obec, polygons by the area in each obec. A line half in one obec counts 0.5 there
 * (`weightedReports`); `reports` counts every report that touches the unit. ORP and kraj roll up the obec shares
 * through the obec's own codes. H3 cells take each report's representative point (h3-js, default resolution 8).
 * Units with no report do not appear: "no reports" is not "zero problems".
 */
import { latLngToCell } from 'h3-js';
import { lookupLine } from '../lookup/lookupLine.ts';
import { lookupPolygon } from '../lookup/lookupPolygon.ts';
import type { ObecIndex } from '../lookup/obecIndex.ts';
import { sourceOf } from '../evidence/evidenceMeter.ts';
import { representativePoint } from '../reports/derivePlace.ts';
import type { Report } from '../reports/report.ts';

export const AGGREGATION_UNITS = ['kraj', 'orp', 'obec', 'h3'] as const;
export type AggregationUnit = (typeof AGGREGATION_UNITS)[number];
/** The FCC aggregates challenge tests in H3 resolution-8 hexagons (~0.74 km²). */
export const DEFAULT_H3_RESOLUTION = 8;

export interface UnitStatistics {
  unit: { kind: AggregationUnit; kod: string; nazev: string; kodRuian?: string | null };
  /** Reports that touch the unit. */
  reports: number;
  /** Reports weighted by the share of their length or area in the unit. */
  weightedReports: number;
  /** Obce the reports came from (the obec holding each report's largest share). */
  distinctObce: number;
  /** Distinct reporters (named reporter, else the reporting obec). */
  distinctReporters: number;
  /** Inhabitants affected, each report's estimate weighted by its share. */
  inhabitantsAffected: number;
  /** Distinct localities touching the unit (when a clustering is given). */
  localities: number;
  byOperator: Record<string, number>;
  byFailure: Record<string, number>;
  byDomain: { mobile: number; fixed: number };
}

export interface AggregateOptions {
  by: AggregationUnit;
  h3Resolution?: number;
  /** Report id → locality id, to count localities per unit. */
  localityOf?: ReadonlyMap<string, string>;
}

export interface Aggregation {
  by: AggregationUnit;
  units: UnitStatistics[];
  /** Reports in no unit (outside the boundaries), by id. */
  outside: string[];
}

interface Accumulator {
  stats: UnitStatistics;
  obce: Set<string>;
  reporters: Set<string>;
  localities: Set<string>;
}

/** Each report's shares per obec (index into the ObecIndex), summing to at most 1. */
export function obecShares(index: ObecIndex, report: Report): Array<[number, number]> {
  const geometry = report.geometry;
  if (geometry.type === 'Point') {
    const i = index.findContaining(geometry.coordinates[0]!, geometry.coordinates[1]!);
    return i >= 0 ? [[i, 1]] : [];
  }
  const result = geometry.type === 'LineString' ? lookupLine(index, geometry) : lookupPolygon(index, geometry);
  if (!result.ok || result.total === 0) return [];
  return result.obce.map((row) => [index.indexOfKod(row.unit.kod)!, row.amount / result.total]);
}

export function aggregateReports(reports: readonly Report[], index: ObecIndex, options: AggregateOptions): Aggregation {
  const accumulators = new Map<string, Accumulator>();
  const outside: string[] = [];
  const h3Resolution = options.h3Resolution ?? DEFAULT_H3_RESOLUTION;

  const add = (unit: UnitStatistics['unit'], report: Report, share: number, reportingObec: string | undefined) => {
    let entry = accumulators.get(unit.kod);
    if (!entry) {
      entry = {
        stats: { unit, reports: 0, weightedReports: 0, distinctObce: 0, distinctReporters: 0, inhabitantsAffected: 0, localities: 0, byOperator: {}, byFailure: {}, byDomain: { mobile: 0, fixed: 0 } },
        obce: new Set(),
        reporters: new Set(),
        localities: new Set(),
      };
      accumulators.set(unit.kod, entry);
    }
    const stats = entry.stats;
    stats.reports++;
    stats.weightedReports += share;
    stats.inhabitantsAffected += (report.affected.inhabitants ?? 0) * share;
    stats.byDomain[report.domain]++;
    for (const operator of report.operators) stats.byOperator[operator] = (stats.byOperator[operator] ?? 0) + 1;
    for (const failure of report.failures) stats.byFailure[failure] = (stats.byFailure[failure] ?? 0) + 1;
    if (reportingObec) entry.obce.add(reportingObec);
    entry.reporters.add(sourceOf(report));
    const locality = options.localityOf?.get(report.id);
    if (locality) entry.localities.add(locality);
  };

  for (const report of reports) {
    if (options.by === 'h3') {
      const [lon, lat] = representativePoint(report.geometry);
      const inside = index.findContaining(lon, lat);
      if (inside < 0) {
        outside.push(report.id);
        continue;
      }
      const cell = latLngToCell(lat, lon, h3Resolution);
      add({ kind: 'h3', kod: cell, nazev: cell }, report, 1, index.obce[inside]!.kod);
      continue;
    }
    const shares = obecShares(index, report);
    if (shares.length === 0) {
      outside.push(report.id);
      continue;
    }
    const reportingObec = index.obce[shares.reduce((best, s) => (s[1] > best[1] ? s : best))[0]]!.kod;
    // Roll the obec shares up to the chosen unit (an ORP the line crosses twice gets the sum).
    const byUnit = new Map<string, { unit: UnitStatistics['unit']; share: number }>();
    for (const [i, share] of shares) {
      const obec = index.obce[i]!;
      const unit: UnitStatistics['unit'] =
        options.by === 'obec'
          ? { kind: 'obec', kod: obec.kod, nazev: obec.nazev }
          : options.by === 'orp'
            ? { kind: 'orp', kod: obec.orpKod, nazev: obec.orpNazev, kodRuian: obec.orpKodRuian }
            : { kind: 'kraj', kod: obec.krajNuts3, nazev: obec.krajNazev };
      const existing = byUnit.get(unit.kod);
      if (existing) existing.share += share;
      else byUnit.set(unit.kod, { unit, share });
    }
    for (const { unit, share } of byUnit.values()) add(unit, report, share, reportingObec);
  }

  const units = [...accumulators.values()].map(({ stats, obce, reporters, localities }) => ({
    ...stats,
    weightedReports: Math.round(stats.weightedReports * 1000) / 1000,
    inhabitantsAffected: Math.round(stats.inhabitantsAffected),
    distinctObce: obce.size,
    distinctReporters: reporters.size,
    localities: localities.size,
  }));
  units.sort((a, b) => b.reports - a.reports || (a.unit.kod < b.unit.kod ? -1 : 1));
  return { by: options.by, units, outside };
}
