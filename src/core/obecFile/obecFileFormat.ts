/**
 * The obec file: what a mayor sends to the kraj. A GeoJSON FeatureCollection (RFC 7946, WGS84) with one Feature
 * per report (the report's fields as properties, its geometry as geometry, its id as the feature id) and a
 * `hluchaMista` member naming the format, its schema version, the obec and the sign-off.
 * Published as JSON Schema: public/schema/obec-file.schema.json (keep the two in step; a test checks they agree).
 */
import type { Feature } from 'geojson';
import type { Report, ReportGeometry } from '../reports/report.ts';
import type { ReportProblem } from '../reports/validateReport.ts';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';

export const OBEC_FILE_FORMAT = 'hlucha-mista/obec-file';
/** The report schema version is the file's schema version. */
export const OBEC_FILE_SCHEMA_VERSION = 3;
/** Larger files are refused before parsing (a 10,000-report file with photos stays far below). */
export const OBEC_FILE_MAX_BYTES = INPUT_LIMITS.fileBytes.obecFile;

export interface ObecFileSignOff {
  /** Who signs the file off for the obec, e.g. the mayor. */
  name: string;
  /** Their function, e.g. "starosta". */
  function: string;
  /** ISO date. */
  date: string;
  /**
   * The obec office's official contact for ČTÚ (e-mail, telephone or data box), optional. It goes into the kraj's
   * package as the obec's contact ("Kontakt obce"), with the name and function above: official, not personal data.
   */
  contact?: string;
}

/** Longest official contact kept from a file. */
export const SIGN_OFF_CONTACT_MAX = 200;

export interface ObecFileHeader {
  format: typeof OBEC_FILE_FORMAT;
  schemaVersion: number;
  exportedAt: string;
  app: { name: 'hlucha-mista'; version: string };
  /** The obec the file is for; null for a file spanning several obce (e.g. a kraj's working copy). */
  obec: { kod: string; nazev: string } | null;
  signOff: ObecFileSignOff | null;
}

export type ReportFeature = Feature<ReportGeometry, Omit<Report, 'geometry'>> & { id: string };

export interface ObecFile {
  type: 'FeatureCollection';
  hluchaMista: ObecFileHeader;
  features: ReportFeature[];
}

/** Why a file as a whole is refused (nothing is imported then). */
export type ObecFileProblemCode =
  | 'file.tooLarge'
  | 'file.notJson'
  | 'file.notGeoJson'
  | 'file.notObecFile'
  | 'file.newerSchema'
  | 'file.empty'
  | 'file.tooDeep'
  /** The browser could not read the file (it went away, or permission). */
  | 'file.unreadable'
  // A ČTÚ package loaded back (export/importSubmissionPackage.ts): refused as a whole.
  | 'package.tampered'
  | 'package.notZip'
  | 'package.noManifest'
  | 'package.noData'
  /** The package reader could not be loaded (weak signal, offline before it was cached). */
  | 'package.notLoaded';

export interface RejectedFeature {
  featureIndex: number;
  id: string | null;
  problems: ReportProblem[];
}

export interface ImportSummary {
  /** False when the file as a whole was refused: then nothing changed. */
  ok: boolean;
  fileProblem: { code: ObecFileProblemCode; params?: Record<string, string | number> } | null;
  header: ObecFileHeader | null;
  added: number;
  /** Set when the import could not be written to the browser's storage (a storage code): shown, not saved. */
  notSaved?: string;
  /** With `notSaved`: the ids of the reports this import added or updated that are not in the storage. */
  notSavedIds?: string[];
  updated: number;
  /** Already known with the same revision and content. */
  unchanged: number;
  /** The stored copy is newer: the file's copy was not taken. */
  olderIgnored: number;
  /**
   * Same id and revision but different content: the stored copy was kept; listed for a person to decide, with the
   * file's copy (`incoming`, its place derived) so both can be shown side by side.
   */
  conflicts: ImportConflict[];
  rejected: RejectedFeature[];
  /** Reports migrated from an older schema version on the way in. */
  migrated: number;
}

/** A report of the file whose copy conflicts with the stored one: its id, its feature index in the file, the file's copy. */
export interface ImportConflict {
  id: string;
  featureIndex: number;
  incoming: Report;
}

/** The summary of a file refused as a whole: nothing was imported. */
export function refusedImport(fileProblem: NonNullable<ImportSummary['fileProblem']>): ImportSummary {
  return { ok: false, fileProblem, header: null, added: 0, updated: 0, unchanged: 0, olderIgnored: 0, conflicts: [], rejected: [], migrated: 0 };
}
