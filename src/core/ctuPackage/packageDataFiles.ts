/**
 * The machine-readable copies inside a ČTÚ package, for a lossless round trip (buildSubmissionPackage writes them,
 * importSubmissionPackage reads them back). A module of its own so that recognising a dropped package (the app's
 * first screen) does not load the package builder (PDF, DOCX, GeoPackage, H3…).
 */
export const PACKAGE_DATA_FILES = {
  reports: 'data/hlaseni.obec-file.geojson',
  review: 'data/posouzeni.json',
  /** Obec kód → the obec's official contact, so that re-loading the package restores the "Kontakt obce" columns. */
  obecContacts: 'data/kontakty_obci.json',
  /** The localities as they went into this package (ctu/packageHistory.ts): the next package's `zmeny.csv` compares. */
  localities: 'data/lokality.json',
} as const;

/** A ZIP with these entries is a submission package (its data files are what the app reads back). */
export function isSubmissionPackage(entryNames: readonly string[]): boolean {
  return entryNames.includes('manifest.json') && entryNames.includes(PACKAGE_DATA_FILES.reports) && entryNames.includes(PACKAGE_DATA_FILES.review);
}
