/**
 * Line → the obce (and ORP, okresy, kraje) it crosses, with the length in each.
 * Every segment is cut at each crossing with an edge of a candidate obec; each piece then lies in one obec
 * (or none), found by a point lookup at its midpoint. Lengths are great-circle (haversine) metres.
 */
import type { LineString, MultiLineString, Position } from 'geojson';
import type { ObecProperties } from '../units/adminUnits.ts';
import { apportion, type Apportioned } from './apportion.ts';
import type { ObecIndex } from './obecIndex.ts';
import { EARTH_RADIUS_M } from '../geo/earth.ts';

export type LineLookup = ({ ok: true } & Apportioned) | { ok: false; code: 'geometry.tooFewPositions' | 'geometry.invalidCoordinates' };

export function haversineM(a: Position, b: Position): number {
  const toRad = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * toRad;
  const dLon = (b[0]! - a[0]!) * toRad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * toRad) * Math.cos(b[1]! * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function lookupLine(index: ObecIndex, line: LineString | MultiLineString): LineLookup {
  const parts = line.type === 'LineString' ? [line.coordinates] : line.coordinates;
  if (parts.length === 0 || parts.some((part) => part.length < 2)) return { ok: false, code: 'geometry.tooFewPositions' };
  if (parts.some((part) => part.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1])))) {
    return { ok: false, code: 'geometry.invalidCoordinates' };
  }
  const lengthByObec = new Map<ObecProperties, number>();
  let total = 0;
  const crossings: number[] = [];
  for (const part of parts) {
    for (let s = 0; s + 1 < part.length; s++) {
      const [ax, ay] = part[s] as [number, number];
      const [bx, by] = part[s + 1] as [number, number];
      crossings.length = 0;
      crossings.push(0, 1);
      for (const i of index.candidatesInBox(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by))) {
        index.segmentCrossings(i, ax, ay, bx, by, crossings);
      }
      crossings.sort((p, q) => p - q);
      for (let k = 0; k + 1 < crossings.length; k++) {
        const t0 = crossings[k]!;
        const t1 = crossings[k + 1]!;
        if (t1 - t0 < 1e-12) continue;
        const from = [ax + (bx - ax) * t0, ay + (by - ay) * t0];
        const to = [ax + (bx - ax) * t1, ay + (by - ay) * t1];
        const length = haversineM(from, to);
        total += length;
        const tm = (t0 + t1) / 2;
        const found = index.findContaining(ax + (bx - ax) * tm, ay + (by - ay) * tm);
        if (found >= 0) {
          const obec = index.obce[found]!;
          lengthByObec.set(obec, (lengthByObec.get(obec) ?? 0) + length);
        }
      }
    }
  }
  return { ok: true, ...apportion(lengthByObec, total, 1) };
}
