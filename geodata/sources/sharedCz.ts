/**
 * Source adapter for ../shared/geodata (WGS84 GeoJSON of all obce + the ORP code crosswalk + RÚIAN address
 * points per kraj). See ../shared/geodata/README.md for provenance and caveats.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { BoundarySource, ObecFeature, OrpCode } from './boundarySource.ts';
import { parseCsvRecords } from './csv.ts';

export const SHARED_CZ_ATTRIBUTION = 'hranice obcí: © ČÚZK (RÚIAN), CC BY 4.0; zjednodušení: iROZHLAS; ORP, okresy, kraje: RCzechia (© ČÚZK), CC BY 4.0';

/** True when `dir` looks like the shared geodata folder (has cz/obce.geojson). */
export function isSharedCzSource(dir: string): boolean {
  return existsSync(path.join(dir, 'cz', 'obce.geojson')) && existsSync(path.join(dir, 'cz', 'orp_kody.csv'));
}

type SourceObecProperties = Record<
  'KOD_OBEC' | 'NAZ_OBEC' | 'KOD_POU' | 'NAZ_POU' | 'KOD_ORP' | 'NAZ_ORP' | 'KOD_OKRES' | 'KOD_LAU1' | 'NAZ_LAU1' | 'KOD_KRAJ' | 'KOD_CZNUTS3' | 'NAZ_CZNUTS3',
  string
> & { POCET_OBYV_31_12_2020: number | null };

export function loadSharedCzSource(dir: string): BoundarySource {
  const czDir = path.join(dir, 'cz');
  const warnings: string[] = [];
  const orp = new Map<string, OrpCode>();
  for (const row of parseCsvRecords(readFileSync(path.join(czDir, 'orp_kody.csv'), 'utf8'))) {
    orp.set(row.KOD_ORP!, {
      kod: row.KOD_ORP!,
      kodRuian: row.KOD_ORP_RUIAN || null,
      nazev: row.NAZ_ORP!,
      krajKod: row.KOD_KRAJ!,
      krajNuts3: row.KOD_CZNUTS3!,
      krajNazev: row.NAZ_CZNUTS3!,
      sidloKod: row.KOD_OBCE_SIDLO || null,
    });
  }

  const raw = JSON.parse(readFileSync(path.join(czDir, 'obce.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon, SourceObecProperties>;
  const obce: ObecFeature[] = raw.features.map((feature) => {
    const p = feature.properties;
    const orpCode = orp.get(String(p.KOD_ORP));
    if (!orpCode) warnings.push(`obec ${p.KOD_OBEC} ${p.NAZ_OBEC}: ORP ${p.KOD_ORP} is not in orp_kody.csv`);
    return {
      type: 'Feature',
      geometry: feature.geometry,
      properties: {
        kod: String(p.KOD_OBEC),
        nazev: p.NAZ_OBEC,
        pouKod: String(p.KOD_POU),
        pouNazev: p.NAZ_POU,
        orpKod: String(p.KOD_ORP),
        orpKodRuian: orpCode?.kodRuian ?? null,
        orpNazev: p.NAZ_ORP,
        okresKod: String(p.KOD_OKRES),
        okresLau1: p.KOD_LAU1,
        okresNazev: p.NAZ_LAU1,
        krajKod: String(p.KOD_KRAJ),
        krajNuts3: p.KOD_CZNUTS3,
        krajNazev: p.NAZ_CZNUTS3,
        obyvatel: typeof p.POCET_OBYV_31_12_2020 === 'number' ? p.POCET_OBYV_31_12_2020 : null,
      },
    };
  });

  return {
    adapter: 'shared-cz',
    description: `${path.basename(czDir)} (obce: iROZHLAS/RÚIAN; ORP crosswalk: RCzechia 2024-06)`,
    attribution: SHARED_CZ_ATTRIBUTION,
    describesDate: '2024-06',
    populationDate: '2020-12-31',
    obce,
    orp,
    addressPointsDir(nuts3: string) {
      const folder = path.join(dir, 'adresni-mista', nuts3);
      return existsSync(folder) ? folder : null;
    },
    warnings,
  };
}
