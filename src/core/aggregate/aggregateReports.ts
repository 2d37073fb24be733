/**
 * Statistics of reports per unit — kraj, ORP, obec, ZSJ (when a ZSJ layer is loaded) or H3 cell — as plain data. Units come from the geometry and
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
import type { ZsjIndex } from '../zsj/zsjLayer.ts';
import { FAILURES, OPERATOR_CHOICES } from '../reports/enumerations.ts';

export const AGGREGATION_UNITS = ['kraj', 'orp', 'obec', 'zsj', 'h3'] as const;
export type AggregationUnit = (typeof AGGREGATION_UNITS)[number];
import { DEFAULT_H3_RESOLUTION } from './h3Resolution.ts';

export { DEFAULT_H3_RESOLUTION };

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
  /** A ZSJ layer for `by: 'zsj'`; without one, each report's recorded ZSJ (report.zsj) is its unit. */
  zsjIndex?: ZsjIndex;
}

export interface Aggregation {
  by: AggregationUnit;
  units: UnitStatistics[];
  /** Reports in no unit (outside the boundaries), by id. */
  outside: string[];
}

interface Accumulator {
  stats: UnitStatistics;
  /** Obce by index in the ObecIndex. */
  obce: Set<number>;
  /** Named reporters by key, unnamed reports by their obec's index. */
  reporters: Set<string | number>;
  localities: Set<string>;
}

function emptyAccumulator(unit: UnitStatistics['unit']): Accumulator {
  return {
    stats: {
      unit,
      reports: 0,
      weightedReports: 0,
      distinctObce: 0,
      distinctReporters: 0,
      inhabitantsAffected: 0,
      localities: 0,
      byOperator: {},
      byFailure: {},
      byDomain: { mobile: 0, fixed: 0 },
    },
    obce: new Set(),
    reporters: new Set(),
    localities: new Set(),
  };
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

  // The unit each obec rolls up to, built once per obec rather than once per report.
  const unitOfObec: Array<UnitStatistics['unit'] | undefined> = new Array(index.size);
  const unitOf = (i: number): UnitStatistics['unit'] => {
    let unit = unitOfObec[i];
    if (!unit) {
      const obec = index.obce[i]!;
      unit =
        options.by === 'obec'
          ? { kind: 'obec', kod: obec.kod, nazev: obec.nazev }
          : options.by === 'orp'
            ? { kind: 'orp', kod: obec.orpKod, nazev: obec.orpNazev, kodRuian: obec.orpKodRuian }
            : { kind: 'kraj', kod: obec.krajNuts3, nazev: obec.krajNazev };
      unitOfObec[i] = unit;
    }
    return unit;
  };

  const add = (unit: UnitStatistics['unit'], report: Report, share: number, reportingObec: number) => {
    let entry = accumulators.get(unit.kod);
    if (!entry) accumulators.set(unit.kod, (entry = emptyAccumulator(unit)));
    const stats = entry.stats;
    stats.reports++;
    stats.weightedReports += share;
    stats.inhabitantsAffected += (report.affected.inhabitants ?? 0) * share;
    stats.byDomain[report.domain]++;
    for (const operator of report.operators) stats.byOperator[operator] = (stats.byOperator[operator] ?? 0) + 1;
    for (const failure of report.failures) stats.byFailure[failure] = (stats.byFailure[failure] ?? 0) + 1;
    entry.obce.add(reportingObec);
    // A named reporter is one source; an unnamed report stands for its obec (the obec's index is its key).
    entry.reporters.add(report.reporter && report.reporter.name.trim() !== '' ? sourceOf(report) : reportingObec);
    const locality = options.localityOf?.get(report.id);
    if (locality) entry.localities.add(locality);
  };

  // Point reports, the bulk, are first counted per obec in typed arrays and rolled up to units afterwards.
  const operatorIndex = new Map(OPERATOR_CHOICES.map((code, k) => [code, k]));
  const failureIndex = new Map(FAILURES.map((code, k) => [code, k]));
  const perObec = {
    reports: new Int32Array(index.size),
    inhabitants: new Float64Array(index.size),
    mobile: new Int32Array(index.size),
    unnamed: new Uint8Array(index.size),
    operators: new Int32Array(index.size * OPERATOR_CHOICES.length),
    failures: new Int32Array(index.size * FAILURES.length),
  };
  const extras = new Map<string, Accumulator>();
  const extraFor = (unit: UnitStatistics['unit']) => {
    let entry = extras.get(unit.kod);
    if (!entry) extras.set(unit.kod, (entry = emptyAccumulator(unit)));
    return entry;
  };

  for (const report of reports) {
    const geometry = report.geometry;
    if (options.by === 'zsj') {
      // ZSJ by each report's representative point (a ZSJ layer is small; lines and areas are not apportioned).
      const [lon, lat] = representativePoint(geometry);
      // Without a layer, the ZSJ the report records (typed by the mayor, or given by a layer loaded in the app).
      const recorded = report.zsj ? { kod: report.zsj.kod, nazev: report.zsj.nazev ?? '' } : null;
      const zsj = options.zsjIndex ? options.zsjIndex.find(lon, lat) : recorded;
      const inside = index.findContaining(lon, lat);
      if (!zsj || inside < 0) {
        outside.push(report.id);
        continue;
      }
      add({ kind: 'zsj', kod: zsj.kod, nazev: zsj.nazev }, report, 1, inside);
      continue;
    }
    if (options.by === 'h3' || geometry.type === 'Point') {
      const [lon, lat] = geometry.type === 'Point' ? (geometry.coordinates as [number, number]) : representativePoint(geometry);
      const inside = index.findContaining(lon, lat);
      if (inside < 0) {
        outside.push(report.id);
        continue;
      }
      if (options.by === 'h3') {
        const cell = latLngToCell(lat, lon, h3Resolution);
        add({ kind: 'h3', kod: cell, nazev: cell }, report, 1, inside);
        continue;
      }
      perObec.reports[inside]!++;
      perObec.inhabitants[inside]! += report.affected.inhabitants ?? 0;
      if (report.domain === 'mobile') perObec.mobile[inside]!++;
      for (const operator of report.operators) perObec.operators[inside * OPERATOR_CHOICES.length + operatorIndex.get(operator)!]!++;
      for (const failure of report.failures) perObec.failures[inside * FAILURES.length + failureIndex.get(failure)!]!++;
      const named = report.reporter !== null && report.reporter.name.trim() !== '';
      if (!named) perObec.unnamed[inside] = 1;
      const locality = options.localityOf?.get(report.id);
      if (named || locality) {
        const extra = extraFor(unitOf(inside));
        if (named) extra.reporters.add(sourceOf(report));
        if (locality) extra.localities.add(locality);
      }
      continue;
    }
    const shares = obecShares(index, report);
    if (shares.length === 0) {
      outside.push(report.id);
      continue;
    }
    const reportingObec = shares.reduce((best, s) => (s[1] > best[1] ? s : best))[0];
    // Roll the obec shares up to the chosen unit (an ORP the line crosses twice gets the sum).
    const byUnit = new Map<string, { unit: UnitStatistics['unit']; share: number }>();
    for (const [i, share] of shares) {
      const unit = unitOf(i);
      const existing = byUnit.get(unit.kod);
      if (existing) existing.share += share;
      else byUnit.set(unit.kod, { unit, share });
    }
    for (const { unit, share } of byUnit.values()) add(unit, report, share, reportingObec);
  }

  for (let i = 0; i < index.size; i++) {
    const count = perObec.reports[i]!;
    if (count === 0) continue;
    const unit = unitOf(i);
    let entry = accumulators.get(unit.kod);
    if (!entry) accumulators.set(unit.kod, (entry = emptyAccumulator(unit)));
    const stats = entry.stats;
    stats.reports += count;
    stats.weightedReports += count;
    stats.inhabitantsAffected += perObec.inhabitants[i]!;
    stats.byDomain.mobile += perObec.mobile[i]!;
    stats.byDomain.fixed += count - perObec.mobile[i]!;
    OPERATOR_CHOICES.forEach((code, k) => {
      const n = perObec.operators[i * OPERATOR_CHOICES.length + k]!;
      if (n > 0) stats.byOperator[code] = (stats.byOperator[code] ?? 0) + n;
    });
    FAILURES.forEach((code, k) => {
      const n = perObec.failures[i * FAILURES.length + k]!;
      if (n > 0) stats.byFailure[code] = (stats.byFailure[code] ?? 0) + n;
    });
    entry.obce.add(i);
    if (perObec.unnamed[i]) entry.reporters.add(i);
  }
  for (const [kod, extra] of extras) {
    const entry = accumulators.get(kod)!;
    for (const reporter of extra.reporters) entry.reporters.add(reporter);
    for (const locality of extra.localities) entry.localities.add(locality);
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
