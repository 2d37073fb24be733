import type { ObecProperties } from '../units/adminUnits.ts';
import type { LonLat } from '../geo/coordinates.ts';
import { wgs84ToSjtsk } from '../geo/sjtsk.ts';

/** What a place is: the obec and, from the obec's own codes, its POU, ORP, okres and kraj; both coordinate systems. */
export interface PlaceDescription {
  obec: { kod: string; nazev: string };
  pou: { kod: string; nazev: string };
  orp: { kod: string; kodRuian: string | null; nazev: string };
  okres: { kod: string; lau1: string; nazev: string };
  kraj: { nuts3: string; kod: string; nazev: string };
  wgs84: { lon: number; lat: number };
  /** EPSG:5514 metres, rounded to centimetres. */
  sjtsk: { x: number; y: number };
}

export function describeObec(obec: ObecProperties) {
  return {
    obec: { kod: obec.kod, nazev: obec.nazev },
    pou: { kod: obec.pouKod, nazev: obec.pouNazev },
    orp: { kod: obec.orpKod, kodRuian: obec.orpKodRuian, nazev: obec.orpNazev },
    okres: { kod: obec.okresKod, lau1: obec.okresLau1, nazev: obec.okresNazev },
    kraj: { nuts3: obec.krajNuts3, kod: obec.krajKod, nazev: obec.krajNazev },
  };
}

export function describePlace(obec: ObecProperties, point: LonLat): PlaceDescription {
  const [x, y] = wgs84ToSjtsk(point);
  return {
    ...describeObec(obec),
    wgs84: { lon: round(point[0], 7), lat: round(point[1], 7) },
    sjtsk: { x: round(x, 2), y: round(y, 2) },
  };
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
