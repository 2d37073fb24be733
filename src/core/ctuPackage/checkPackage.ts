/**
 * A submission package checked as a hostile file (for `verify` and for reading one back): the archive within the
 * package budget of INPUT_LIMITS (size, entries, inflated bytes and ratio counted before and while inflating), no
 * name twice (a checker and a reader could take different entries), manifest.json as UTF-8 JSON of the expected
 * shape (a `__proto__` key or null entries are data, never code paths), every file's SHA-256, the format and schema,
 * and the manifest's counts against the files themselves. Every finding is a code with its details; nothing throws.
 */
import { decodeInputText, parseJsonBounded, unzipBounded, zipBudget } from '../limits/boundedInput.ts';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';
import { parseObecFile } from '../obecFile/parseObecFile.ts';
import { PACKAGE_DATA_FILES, PACKAGE_SCHEMA_VERSION } from './buildSubmissionPackage.ts';
import { MEASUREMENTS_FILE_NAME } from './packageNettest.ts';
import { MANIFEST_NAME, sha256Hex } from './zipPackage.ts';

export type PackageProblemCode =
  | 'package.tooLarge'
  | 'package.notZip'
  | 'package.zipTooManyEntries'
  | 'package.zipDuplicateEntry'
  | 'package.zipTooLarge'
  | 'package.zipBomb'
  | 'package.noManifest'
  | 'package.manifestNotUtf8'
  | 'package.manifestNotJson'
  | 'package.manifestInvalid'
  | 'package.fileChanged'
  | 'package.fileMissing'
  | 'package.fileUnlisted'
  | 'package.unknownFormat'
  | 'package.unsupportedSchema'
  | 'package.countMismatch'
  | 'package.noData';

export interface PackageProblem {
  code: PackageProblemCode;
  file?: string;
  params?: Record<string, string | number | null>;
}

export interface CheckedManifest {
  format: string;
  schemaVersion: number;
  counts: Record<string, number>;
  files: Map<string, string>;
  raw: Record<string, unknown>;
}

export type PackageCheck =
  | { ok: true; manifest: CheckedManifest; files: Map<string, Uint8Array> }
  | { ok: false; problems: PackageProblem[]; manifest?: CheckedManifest };

const SHA256 = /^[0-9a-f]{64}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** manifest.json's bytes → its checked content, or why not. Own keys only: `__proto__` is just a (wrong) name. */
export function readManifest(bytes: Uint8Array): { ok: true; manifest: CheckedManifest } | { ok: false; problem: PackageProblem } {
  const decoded = decodeInputText(bytes);
  if (!decoded.ok || decoded.encoding !== 'utf-8') return { ok: false, problem: { code: 'package.manifestNotUtf8', file: MANIFEST_NAME } };
  const json = parseJsonBounded(decoded.text);
  if (!json.ok) return { ok: false, problem: { code: json.code === 'tooDeep' ? 'package.manifestInvalid' : 'package.manifestNotJson', file: MANIFEST_NAME } };
  const data = json.value;
  const invalid = (reason: string): { ok: false; problem: PackageProblem } => ({
    ok: false,
    problem: { code: 'package.manifestInvalid', file: MANIFEST_NAME, params: { reason } },
  });
  if (!isRecord(data)) return invalid('notAnObject');
  if (!isRecord(data.files)) return invalid('files');
  const files = new Map<string, string>();
  for (const name of Object.keys(data.files)) {
    const entry = Object.getOwnPropertyDescriptor(data.files, name)?.value as unknown;
    if (!isRecord(entry) || typeof entry.sha256 !== 'string' || !SHA256.test(entry.sha256)) return invalid(`files.${name.slice(0, 80)}`);
    files.set(name, entry.sha256);
  }
  const counts: Record<string, number> = {};
  if (data.counts !== undefined) {
    if (!isRecord(data.counts)) return invalid('counts');
    for (const key of Object.keys(data.counts)) {
      const value = Object.getOwnPropertyDescriptor(data.counts, key)?.value as unknown;
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return invalid(`counts.${key.slice(0, 80)}`);
      if (key !== '__proto__') counts[key] = value;
    }
  }
  return {
    ok: true,
    manifest: {
      format: typeof data.format === 'string' ? data.format : '',
      schemaVersion: typeof data.schemaVersion === 'number' && Number.isSafeInteger(data.schemaVersion) ? data.schemaVersion : Number.NaN,
      counts,
      files,
      raw: data,
    },
  };
}

function zipCode(code: string): PackageProblemCode {
  switch (code) {
    case 'zipTooManyEntries':
      return 'package.zipTooManyEntries';
    case 'zipDuplicateEntry':
      return 'package.zipDuplicateEntry';
    case 'zipTooLarge':
      return 'package.zipTooLarge';
    case 'zipBomb':
      return 'package.zipBomb';
    default:
      return 'package.notZip';
  }
}

/** Data rows of a CSV written by the package (no line ends inside cells: the header, then one line a row). */
function csvRows(bytes: Uint8Array): number {
  const text = new TextDecoder().decode(bytes);
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').length - 1;
}

function featureCount(bytes: Uint8Array | undefined): number | null {
  if (!bytes) return null;
  const json = parseJsonBounded(new TextDecoder().decode(bytes));
  return json.ok && isRecord(json.value) && Array.isArray(json.value.features) ? json.value.features.length : null;
}

/** The manifest's counts against what the files hold. */
function countProblems(manifest: CheckedManifest, files: Map<string, Uint8Array>): PackageProblem[] {
  const problems: PackageProblem[] = [];
  const compare = (field: string, actual: number | null) => {
    if (actual === null || !(field in manifest.counts)) return;
    if (manifest.counts[field] !== actual) problems.push({ code: 'package.countMismatch', params: { field, manifest: manifest.counts[field]!, actual } });
  };
  compare('lokality', featureCount(files.get('lokality.geojson')));
  compare('hlaseni', featureCount(files.get('hlaseni.geojson')));
  const reports = files.get(PACKAGE_DATA_FILES.reports);
  if (reports) {
    const parsed = parseObecFile(new TextDecoder().decode(reports));
    compare('hlaseni', parsed.ok ? parsed.reports.length : null);
  }
  const measurements = files.get(MEASUREMENTS_FILE_NAME);
  compare('mereni', measurements ? csvRows(measurements) : 0);
  const { lokality, lokalityMobilni, lokalityPevne } = manifest.counts;
  if (lokality !== undefined && lokalityMobilni !== undefined && lokalityPevne !== undefined && lokalityMobilni + lokalityPevne !== lokality) {
    problems.push({
      code: 'package.countMismatch',
      params: { field: 'lokalityMobilni+lokalityPevne', manifest: lokalityMobilni + lokalityPevne, actual: lokality },
    });
  }
  return problems;
}

export async function checkPackage(zip: Uint8Array): Promise<PackageCheck> {
  if (zip.length > INPUT_LIMITS.fileBytes.package)
    return { ok: false, problems: [{ code: 'package.tooLarge', params: { limitMb: INPUT_LIMITS.fileBytes.package / 1024 / 1024 } }] };
  const unzipped = unzipBounded(zip, zipBudget(INPUT_LIMITS.zip.inflatedBytes.package));
  if (!unzipped.ok) return { ok: false, problems: [{ code: zipCode(unzipped.code) }] };
  const files = unzipped.files;
  const manifestBytes = files.get(MANIFEST_NAME);
  if (!manifestBytes) return { ok: false, problems: [{ code: 'package.noManifest' }] };
  const read = readManifest(manifestBytes);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  const manifest = read.manifest;
  const problems: PackageProblem[] = [];
  for (const [name, sha256] of manifest.files) {
    const bytes = files.get(name);
    if (!bytes) problems.push({ code: 'package.fileMissing', file: name });
    else if ((await sha256Hex(bytes)) !== sha256) problems.push({ code: 'package.fileChanged', file: name });
  }
  for (const name of files.keys()) {
    if (name !== MANIFEST_NAME && !manifest.files.has(name) && !name.endsWith('/')) problems.push({ code: 'package.fileUnlisted', file: name });
  }
  const isPublic = manifest.format === 'hlucha-mista/verejna-data';
  if (manifest.format !== 'hlucha-mista/balicek-ctu' && !isPublic)
    problems.push({ code: 'package.unknownFormat', params: { format: manifest.format || null } });
  else if (!(manifest.schemaVersion >= 1 && manifest.schemaVersion <= PACKAGE_SCHEMA_VERSION))
    problems.push({ code: 'package.unsupportedSchema', params: { schemaVersion: Number.isFinite(manifest.schemaVersion) ? manifest.schemaVersion : null } });
  if (problems.length === 0 && !isPublic) {
    if (!files.has(PACKAGE_DATA_FILES.reports) || !files.has(PACKAGE_DATA_FILES.review)) problems.push({ code: 'package.noData' });
    else problems.push(...countProblems(manifest, files));
  }
  return problems.length > 0 ? { ok: false, problems, manifest } : { ok: true, manifest, files };
}
