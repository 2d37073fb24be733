/**
 * What a source adapter hands to the pack build: obce at source resolution in WGS84 with normalised
 * attributes, the ORP code list, and where the RÚIAN address points are (if anywhere).
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { ObecProperties, OrpProperties } from '../../src/core/units/adminUnits.ts';

export type ObecFeature = Feature<Polygon | MultiPolygon, ObecProperties>;

/** ORP code-list row, before the build counts obce and population per ORP. */
export type OrpCode = Pick<OrpProperties, 'kod' | 'kodRuian' | 'nazev' | 'krajKod' | 'krajNuts3' | 'krajNazev' | 'sidloKod'>;

export interface BoundarySource {
  adapter: 'shared-cz' | 'ruian-shp';
  /** Where it came from, for the manifest, e.g. "/work/shared/geodata/cz". */
  description: string;
  attribution: string;
  /** ISO date the boundaries describe. */
  describesDate: string;
  /** ISO date of the population figures, or null when the source has none. */
  populationDate: string | null;
  /** Every obec of the source, WGS84 [lon, lat], source resolution. */
  obce: ObecFeature[];
  /** ORP code list keyed by ČSÚ code (4 digits). */
  orp: Map<string, OrpCode>;
  /** Folder of RÚIAN address-point CSVs (`*_OB_<kód obce>_ADR.csv`) for a kraj, or null. */
  addressPointsDir(nuts3: string): string | null;
  /** Problems found while reading that do not stop the build (shown by the CLI). */
  warnings: string[];
}
