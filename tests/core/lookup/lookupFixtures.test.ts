/**
 * lookupLine and lookupPolygon against fixtures (tests/fixtures/lookupLine, lookupPolygon; made-up obce in
 * tests/fixtures/lookup/obce.geojson: a 2 × 2 grid, one obec with a hole holding an enclave). The output holds the
 * input feature with the result as properties, and the obce it apportions to with their amount and share.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import { describe, it } from 'vitest';
import { lookupLine } from '../../../src/core/lookup/lookupLine.ts';
import { lookupPolygon } from '../../../src/core/lookup/lookupPolygon.ts';
import { ObecIndex } from '../../../src/core/lookup/obecIndex.ts';
import type { ObceCollection } from '../../../src/core/packs/packFormat.ts';
import { expectFixture, FIXTURES, fixtureCases } from '../../support/geoFixtures.ts';

const obce = JSON.parse(readFileSync(path.join(FIXTURES, 'lookup', 'obce.geojson'), 'utf8')) as ObceCollection;
const index = ObecIndex.fromCollection(obce, { coverage: 'pack' });

function output(input: Feature, result: ReturnType<typeof lookupLine> | ReturnType<typeof lookupPolygon>): FeatureCollection {
  if (!result.ok) return { type: 'FeatureCollection', features: [{ ...input, properties: { ...input.properties, ok: false, code: result.code } }] };
  const { ok, total, outside, obce: rows, orp } = result;
  const units = rows.map((row) => {
    const obec = obce.features.find((f) => f.properties.kod === row.unit.kod)!;
    return {
      type: 'Feature' as const,
      properties: { kod: row.unit.kod, nazev: row.unit.nazev, amount: row.amount, share: row.share },
      geometry: obec.geometry,
    };
  });
  const summary = {
    ok,
    total,
    outside,
    obce: rows.map((r) => ({ kod: r.unit.kod, amount: r.amount, share: r.share })),
    orp: orp.map((r) => ({ kod: r.unit.kod, share: r.share })),
  };
  return { type: 'FeatureCollection', features: [{ ...input, properties: { ...input.properties, ...summary } }, ...units] };
}

describe('lookupLine fixtures', () => {
  for (const c of fixtureCases<FeatureCollection<LineString | MultiLineString>>('lookupLine')) {
    it(c.name, () => {
      const input = c.input.features[0]!;
      expectFixture(c.out, output(input, lookupLine(index, input.geometry)));
    });
  }
});

describe('lookupPolygon fixtures', () => {
  for (const c of fixtureCases<FeatureCollection<Polygon | MultiPolygon>>('lookupPolygon')) {
    it(c.name, () => {
      const input = c.input.features[0]!;
      expectFixture(c.out, output(input, lookupPolygon(index, input.geometry)));
    });
  }
});
