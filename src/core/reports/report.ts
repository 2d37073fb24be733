/**
 * A reported place (DOMAIN.md, "A reported place"): a point, a road stretch or an area where signal or internet
 * fails, with what fails, where, since when and who says so. Plain serialisable data: what the store keeps, what
 * IndexedDB holds and what an obec file carries (one GeoJSON Feature per report, these as its properties).
 *
 * Schema history (migrations in migrateReport.ts):
 *   1  the prototype's format: points only, one operator, one failure, a free-text date
 *   2  points, lines and polygons; multi-select enumerations; dated observations; measurements;
 *      derived place (obec, ORP, okres, kraj, S-JTSK); revision for sync
 *   3  current: `capture`, how the geometry was captured in the field (GPS fix, recorded route, GPX file) with
 *      the time and the position's accuracy; null for drawn or imported reports
 */
import type { LineString, Point, Polygon } from 'geojson';
import type { EnvironmentCode, FailureCode, OperatorChoice, PersistenceCode, ProblemDomain, ReporterRole, TechnologyCode } from './enumerations.ts';

export const REPORT_SCHEMA_VERSION = 3;

export type ReportGeometry = Point | LineString | Polygon;

/** Derived from the geometry by lookup, never typed by a person. */
export interface DerivedPlace {
  obec: { kod: string; nazev: string };
  orp: { kod: string; kodRuian: string | null; nazev: string };
  okres: { kod: string; lau1: string; nazev: string };
  kraj: { nuts3: string; kod: string; nazev: string };
  /** Representative point of the geometry (the point itself, the middle of a line, a point inside a polygon). */
  wgs84: { lon: number; lat: number };
  sjtsk: { x: number; y: number };
  /** Other obce the geometry reaches into (lines, polygons), with their share of it (0–1). */
  alsoIn: Array<{ kod: string; nazev: string; share: number }>;
}

export interface Observation {
  /** ISO date (YYYY-MM-DD). */
  date: string;
  /** Optional time of day, HH:MM (24 h). */
  time: string | null;
  note: string;
}

/** A NetTest-style measurement the reporter took there (optional). */
export interface Measurement {
  /** ISO date-time. */
  takenAt: string;
  operator: OperatorChoice | null;
  technology: TechnologyCode | null;
  /** dBm (4G/5G RSRP). */
  rsrpDbm: number | null;
  /** Mbit/s. */
  downloadMbps: number | null;
  uploadMbps: number | null;
  /** NetTest's open_test_uuid when the measurement came from NetTest. */
  openTestUuid: string | null;
}

export interface Reporter {
  name: string;
  role: ReporterRole;
  /** E-mail or phone: personal data (GDPR). */
  contact: string;
}

export interface PhotoReference {
  /** Key of the photo blob in the local store; the obec file embeds it as a data URL. */
  id: string;
  mimeType: 'image/jpeg' | 'image/png' | 'image/webp';
  bytes: number;
  /** data: URL, present in obec files only. */
  dataUrl?: string;
}

/** How a geometry was captured in the field (field mode); null when it was drawn on the map. */
export const CAPTURE_METHODS = ['gps', 'route', 'gpx'] as const;
export type CaptureMethod = (typeof CAPTURE_METHODS)[number];

export interface PositionCapture {
  /** 'gps': one position of the device; 'route': a stretch of a recorded route; 'gpx': a track from a GPX file. */
  method: CaptureMethod;
  /** ISO date-time of the position (of the first sample of a stretch). */
  capturedAt: string;
  /**
   * Horizontal accuracy in metres as the device reported it (Geolocation API: radius of 95 % confidence); for a
   * stretch the worst of its samples. null when unknown (GPX files carry none).
   */
  accuracyM: number | null;
}

/**
 * Where a report came from when it was not drawn in the app: a row of an office's table (CSV/XLSX import).
 * Lets imported reports be told apart and traced back to the row a person can open in Excel.
 */
export interface ReportOrigin {
  kind: 'table';
  /** The file's name as it was imported. */
  file: string;
  /** The row number in Excel (header = 1). */
  row: number;
}

export interface Report {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** Stable id (UUID v4), the same in every copy of the report. */
  id: string;
  /** Increases by one with every saved change; with `updatedAt`, decides which copy is newer. */
  revision: number;
  createdAt: string;
  updatedAt: string;
  /** Synthetic demo data is labelled and never mixed into real data silently. */
  demo: boolean;
  geometry: ReportGeometry;
  place: DerivedPlace | null;
  /** Část obce: suggested from the nearest RÚIAN address points, confirmed or typed by the mayor. */
  castObce: { kod: string | null; nazev: string } | null;
  /** ZSJ: from a loaded ZSJ layer, or typed (6 digits). */
  zsj: { kod: string; nazev: string | null; source: 'layer' | 'typed' } | null;
  /** A precise description of the locality (required: ČTÚ asks for it). */
  description: string;
  domain: ProblemDomain;
  failures: FailureCode[];
  operators: OperatorChoice[];
  technologies: TechnologyCode[];
  environments: EnvironmentCode[];
  persistence: PersistenceCode | null;
  observations: Observation[];
  affected: { inhabitants: number | null; households: number | null };
  measurements: Measurement[];
  photo: PhotoReference | null;
  reporter: Reporter | null;
  /** Absent (or null) for reports drawn in the app. */
  origin?: ReportOrigin | null;
  /** Field capture (schema 3); null for reports drawn on the map. Never edited in the form. */
  capture: PositionCapture | null;
}
