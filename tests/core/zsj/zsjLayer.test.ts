import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aggregateReports } from '../../../src/core/aggregate/aggregateReports.ts';
import { createEmptyReport } from '../../../src/core/reports/createReport.ts';
import { ZsjIndex } from '../../../src/core/zsj/zsjLayer.ts';
import { sjtsk } from '../../../src/core/geo/coordinates.ts';
import { sjtskToWgs84 } from '../../../src/core/geo/sjtsk.ts';
import { countryObecIndex, SHARED_GEODATA } from '../../support/packs.ts';

const SAMPLE = path.join(SHARED_GEODATA, 'zsj-ukazka', '554642-marianske-lazne', 'zakladni_sidelni_jednotky.geojson');

describe('ZSJ layer', () => {
  const parsed = ZsjIndex.parse(JSON.parse(readFileSync(SAMPLE, 'utf8')));
  if (!parsed.ok) throw new Error(parsed.code);
  const zsj = parsed.index;

  it('reads the real RÚIAN sample of Mariánské Lázně: 19 ZSJ, codes padded to 6 digits', () => {
    expect(zsj.units).toHaveLength(19);
    expect(zsj.units.every((u) => /^\d{6}$/.test(u.kod))).toBe(true);
    expect(zsj.units.find((u) => u.nazev === 'Skláře')?.kod).toBe('091685');
  });

  it('finds the ZSJ of each ZSJ’s definition point (given in S-JTSK), and none outside the layer', () => {
    const data = JSON.parse(readFileSync(SAMPLE, 'utf8')) as { features: Array<{ properties: { kod_zsj: string; definicni_bod_sjtsk: [number, number] } }> };
    for (const feature of data.features) {
      const [lon, lat] = sjtskToWgs84(sjtsk(...feature.properties.definicni_bod_sjtsk));
      expect(zsj.find(lon, lat)?.kod).toBe(feature.properties.kod_zsj.padStart(6, '0'));
    }
    expect(zsj.find(14.42, 50.08)).toBeNull();
  });

  it('refuses a layer that is not one, with a code', () => {
    expect(ZsjIndex.parse({ type: 'Feature' })).toEqual({ ok: false, code: 'zsj.notGeoJson' });
    expect(ZsjIndex.parse({ type: 'FeatureCollection', features: [] })).toEqual({ ok: false, code: 'zsj.noFeatures' });
    const metres = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { kod_zsj: '123456' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [-866000, -1042000],
                [-865000, -1042000],
                [-865000, -1041000],
                [-866000, -1042000],
              ],
            ],
          },
        },
      ],
    };
    expect(ZsjIndex.parse(metres)).toEqual({ ok: false, code: 'zsj.projectedCoordinates' });
    const noCode = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: 'x' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [12, 50],
                [12.1, 50],
                [12.1, 50.1],
                [12, 50],
              ],
            ],
          },
        },
      ],
    };
    expect(ZsjIndex.parse(noCode)).toEqual({ ok: false, code: 'zsj.missingCode' });
  });

  it('aggregates reports per ZSJ when the layer is loaded', () => {
    const index = countryObecIndex();
    const reports = [
      [12.7011, 49.9646],
      [12.7015, 49.9648],
      [14.42, 50.08],
    ].map(([lon, lat], i) => ({
      ...createEmptyReport({ type: 'Point', coordinates: [lon!, lat!] }, { id: `00000000-0000-4000-8000-00000000000${i}`, now: '2026-11-01T00:00:00Z' }),
      description: 'x',
      failures: ['noSignal' as const],
      operators: ['o2' as const],
    }));
    const result = aggregateReports(reports, index, { by: 'zsj', zsjIndex: zsj });
    expect(result.outside).toHaveLength(1);
    expect(result.units.reduce((s, u) => s + u.reports, 0)).toBe(2);
    expect(result.units.every((u) => u.unit.kind === 'zsj' && /^\d{6}$/.test(u.unit.kod))).toBe(true);
  });

  it('without a layer, aggregates per the ZSJ each report records (typed or from the layer), leaving out reports without one', () => {
    const index = countryObecIndex();
    const make = (i: number, lon: number, lat: number, zsjOfReport: { kod: string; nazev: string | null; source: 'layer' | 'typed' } | null) => ({
      ...createEmptyReport({ type: 'Point', coordinates: [lon, lat] }, { id: `00000000-0000-4000-8000-00000000001${i}`, now: '2026-11-01T00:00:00Z' }),
      description: 'x',
      zsj: zsjOfReport,
    });
    const reports = [
      make(0, 12.7011, 49.9646, { kod: '091685', nazev: 'Skláře', source: 'layer' }),
      make(1, 12.7015, 49.9648, { kod: '091685', nazev: 'Skláře', source: 'layer' }),
      make(2, 12.87, 50.23, { kod: '123456', nazev: null, source: 'typed' }),
      make(3, 12.88, 50.23, null),
    ];
    const result = aggregateReports(reports, index, { by: 'zsj' });
    expect(result.units.map((u) => [u.unit.kod, u.unit.nazev, u.reports])).toEqual([
      ['091685', 'Skláře', 2],
      ['123456', '', 1],
    ]);
    expect(result.outside).toEqual([reports[3]!.id]);
  });
});
