/**
 * Amounts (metres of a line, square metres of a polygon) per obec, rolled up to ORP, okres and kraj through
 * the obec's own codes. Rows are sorted by amount, largest first; shares are of the whole geometry.
 */
import type { ObecProperties } from '../units/adminUnits.ts';
import { describeObec } from './placeDescription.ts';

type Described = ReturnType<typeof describeObec>;

export interface ApportionedRow<Unit> {
  unit: Unit;
  amount: number;
  /** amount / total of the whole geometry, 0–1. */
  share: number;
}

export interface Apportioned {
  total: number;
  /** The part in no obec of the index (outside Czechia or outside the pack). */
  outside: number;
  obce: Array<ApportionedRow<Described['obec']>>;
  orp: Array<ApportionedRow<Described['orp']>>;
  okresy: Array<ApportionedRow<Described['okres']>>;
  kraje: Array<ApportionedRow<Described['kraj']>>;
}

export function apportion(amountByObec: ReadonlyMap<ObecProperties, number>, total: number, decimals: number): Apportioned {
  const round = (value: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
  const rollUp = <U>(pick: (described: Described) => U, key: (unit: U) => string) => {
    const rows = new Map<string, { unit: U; amount: number }>();
    for (const [obec, amount] of amountByObec) {
      const unit = pick(describeObec(obec));
      const k = key(unit);
      const row = rows.get(k);
      if (row) row.amount += amount;
      else rows.set(k, { unit, amount });
    }
    return [...rows.values()]
      .sort((a, b) => b.amount - a.amount)
      .map((row) => ({ unit: row.unit, amount: round(row.amount), share: total > 0 ? Math.round((row.amount / total) * 1e4) / 1e4 : 0 }));
  };
  let inside = 0;
  for (const amount of amountByObec.values()) inside += amount;
  return {
    total: round(total),
    outside: round(Math.max(0, total - inside)),
    obce: rollUp(
      (d) => d.obec,
      (u) => u.kod,
    ),
    orp: rollUp(
      (d) => d.orp,
      (u) => u.kod,
    ),
    okresy: rollUp(
      (d) => d.okres,
      (u) => u.kod,
    ),
    kraje: rollUp(
      (d) => d.kraj,
      (u) => u.nuts3,
    ),
  };
}
