/**
 * The ČTÚ package or its public variant from a PackageSource, with progress steps: preparePackage (selection,
 * localities, evidence, measurements) then the files. One function for every runtime: the app's package worker,
 * the CLI and the server call it; only the resources (fonts, sql.js, helper threads) and the labels come from them.
 */
import type { SqlJsStatic } from 'sql.js';
import { buildSubmissionPackage, type SubmissionPackageInput } from './buildSubmissionPackage.ts';
import { preparePackage, type PackageSource, type PreparedPackage } from './preparePackage.ts';
import { buildPublicPackage } from './publicVariant.ts';

export type PackageVariant = 'ctu' | 'public';

/** The steps shown under the progress bar. */
export type PackageStep = 'prepare' | 'build' | 'done';
export const PACKAGE_STEPS: readonly PackageStep[] = ['prepare', 'build', 'done'];

export interface PackageProgress {
  step: PackageStep;
  /** 0…1 over the whole build. */
  fraction: number;
}

export interface PackageResult {
  fileName: string;
  zip: Uint8Array;
  counts: Record<string, number>;
}

export interface PackageResources {
  fonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }>;
  sqlJs(): Promise<SqlJsStatic>;
  /** The package's texts (Czech whatever the UI language: ČTÚ reads Czech); src/i18n/packageLabel.ts. */
  label: SubmissionPackageInput['label'];
  /** Builds zadost.pdf in a worker of its own (see SubmissionPackageInput.coverLetter); without it, on this thread. */
  coverLetter?: SubmissionPackageInput['coverLetter'];
  /** Compresses the files elsewhere (see SubmissionPackageInput.compressor); the bytes are the same. */
  compressor?: SubmissionPackageInput['compressor'];
}

export async function buildPackage(
  source: PackageSource,
  resources: PackageResources,
  onProgress: (progress: PackageProgress) => void = () => undefined,
): Promise<PackageResult> {
  onProgress({ step: 'prepare', fraction: 0.05 });
  return buildPreparedPackage(preparePackage(source), resources, onProgress);
}

/** The files of an already prepared package (benchmarks time the two halves apart). */
export async function buildPreparedPackage(
  prepared: PreparedPackage,
  resources: PackageResources,
  onProgress: (progress: PackageProgress) => void = () => undefined,
): Promise<PackageResult> {
  if (prepared.variant === 'public') {
    const reports = prepared.localities.flatMap((l) => l.reports);
    onProgress({ step: 'build', fraction: 0.3 });
    const result = await buildPublicPackage(reports, {
      kraj: prepared.kraj,
      generatedAt: prepared.generatedAt,
      appVersion: prepared.appVersion,
      label: resources.label,
    });
    onProgress({ step: 'done', fraction: 1 });
    return { fileName: result.fileName, zip: result.zip, counts: { cells: result.cells, withheldReports: result.withheld } };
  }
  const [fonts, sqlJs] = await Promise.all([resources.fonts(), resources.sqlJs()]);
  onProgress({ step: 'build', fraction: 0.3 });
  const result = await buildSubmissionPackage({
    localities: prepared.localities,
    kraj: prepared.kraj,
    contact: prepared.contact,
    outline: prepared.outline,
    ...(prepared.orp ? { orp: prepared.orp } : {}),
    ...(prepared.obce ? { obce: prepared.obce } : {}),
    ...(prepared.letterSettings ? { letterSettings: prepared.letterSettings } : {}),
    fonts,
    label: resources.label,
    generatedAt: prepared.generatedAt,
    appVersion: prepared.appVersion,
    selection: prepared.selectionRecord,
    boundaries: prepared.boundaries,
    includeReporters: prepared.includeReporters,
    sqlJs,
    review: prepared.review,
    ...(prepared.obecContacts ? { obecContacts: prepared.obecContacts } : {}),
    ...(prepared.previousPackage ? { previousPackage: prepared.previousPackage } : {}),
    ...(resources.coverLetter ? { coverLetter: resources.coverLetter } : {}),
    ...(resources.compressor ? { compressor: resources.compressor } : {}),
  });
  onProgress({ step: 'done', fraction: 1 });
  return result;
}
