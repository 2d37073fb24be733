/**
 * Normalised attributes of the administrative units carried by the boundary packs.
 * All codes are strings (they are identifiers, not quantities). Every property is flat so that
 * the same object serves as GeoJSON feature properties for MapLibre.
 */

/** One obec (municipality). ORP, POU, okres and kraj are the obec's own codes, never a second lookup. */
export interface ObecProperties {
  /** Kód obce, 6 digits (also the LAU2 code), e.g. "506486". */
  kod: string;
  nazev: string;
  /** POU (pověřený obecní úřad) ČSÚ code, 5 digits. */
  pouKod: string;
  pouNazev: string;
  /** ORP ČSÚ code, 4 digits, e.g. "4106". */
  orpKod: string;
  /** ORP RÚIAN code, e.g. "540"; null when the source had no crosswalk for it. */
  orpKodRuian: string | null;
  orpNazev: string;
  /** Okres ČSÚ code, 5 digits, e.g. "40436". */
  okresKod: string;
  /** Okres LAU1 code, e.g. "CZ0412". */
  okresLau1: string;
  okresNazev: string;
  /** Kraj ČSÚ code, 4 digits, e.g. "3051". */
  krajKod: string;
  /** Kraj NUTS3 code, e.g. "CZ041". */
  krajNuts3: string;
  krajNazev: string;
  /** Population (31 Dec of the year given in the pack manifest); null when unknown. */
  obyvatel: number | null;
}

export interface OrpProperties {
  kod: string;
  kodRuian: string | null;
  nazev: string;
  krajKod: string;
  krajNuts3: string;
  krajNazev: string;
  /** Kód obce of the ORP seat, when known. */
  sidloKod: string | null;
  pocetObci: number;
  obyvatel: number | null;
}

export interface OkresProperties {
  kod: string;
  lau1: string;
  nazev: string;
  krajKod: string;
  krajNuts3: string;
  krajNazev: string;
  pocetObci: number;
  obyvatel: number | null;
}

export interface KrajProperties {
  kod: string;
  nuts3: string;
  nazev: string;
  pocetObci: number;
  pocetOrp: number;
  obyvatel: number | null;
}

/** The 14 kraje by NUTS3 code with their Czech names (ČSÚ). Used for the region switcher and CLI validation. */
export const KRAJE: ReadonlyArray<{ nuts3: string; nazev: string }> = [
  { nuts3: 'CZ010', nazev: 'Hlavní město Praha' },
  { nuts3: 'CZ020', nazev: 'Středočeský kraj' },
  { nuts3: 'CZ031', nazev: 'Jihočeský kraj' },
  { nuts3: 'CZ032', nazev: 'Plzeňský kraj' },
  { nuts3: 'CZ041', nazev: 'Karlovarský kraj' },
  { nuts3: 'CZ042', nazev: 'Ústecký kraj' },
  { nuts3: 'CZ051', nazev: 'Liberecký kraj' },
  { nuts3: 'CZ052', nazev: 'Královéhradecký kraj' },
  { nuts3: 'CZ053', nazev: 'Pardubický kraj' },
  { nuts3: 'CZ063', nazev: 'Kraj Vysočina' },
  { nuts3: 'CZ064', nazev: 'Jihomoravský kraj' },
  { nuts3: 'CZ071', nazev: 'Olomoucký kraj' },
  { nuts3: 'CZ072', nazev: 'Zlínský kraj' },
  { nuts3: 'CZ080', nazev: 'Moravskoslezský kraj' },
];

/** The default region of this deployment. */
export const DEFAULT_KRAJ = 'CZ041';

export function isKrajNuts3(code: string): boolean {
  return KRAJE.some((k) => k.nuts3 === code);
}
