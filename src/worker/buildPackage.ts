/**
 * Builds the ČTÚ package or its public variant from a PackageRequest, with progress steps. Runs in the package
 * worker (packageWorker.ts) or, where there is no Worker (Node tests), in-process; the resources (fonts, sql.js)
 * come from the caller.
 */
import type { SqlJsStatic } from 'sql.js';
import { buildSubmissionPackage, type SubmissionPackageInput } from '../core/export/buildSubmissionPackage.ts';
import { buildPublicPackage } from '../core/export/publicVariant.ts';
import { labelIn } from '../i18n/translate.ts';
import type { PackageProgress, PackageRequest, PackageResult } from './packageProtocol.ts';

export interface PackageResources {
  fonts(): Promise<{ regular: Uint8Array; bold: Uint8Array }>;
  sqlJs(): Promise<SqlJsStatic>;
  /** Builds zadost.pdf in a worker of its own (see SubmissionPackageInput.coverLetter); without it, on this thread. */
  coverLetter?: SubmissionPackageInput['coverLetter'];
}

/** The package is in Czech whatever the UI language: ČTÚ reads Czech. */
export const packageLabel = labelIn('cs');

export async function buildPackage(request: PackageRequest, resources: PackageResources, onProgress: (progress: PackageProgress) => void): Promise<PackageResult> {
  onProgress({ step: 'prepare', fraction: 0.05 });
  if (request.variant === 'public') {
    const reports = request.localities.flatMap((l) => l.reports);
    onProgress({ step: 'build', fraction: 0.3 });
    const result = await buildPublicPackage(reports, { kraj: request.kraj, generatedAt: request.generatedAt, appVersion: request.appVersion, label: packageLabel });
    onProgress({ step: 'done', fraction: 1 });
    return { fileName: result.fileName, zip: result.zip, counts: { cells: result.cells, withheldReports: result.withheld } };
  }
  const [fonts, sqlJs] = await Promise.all([resources.fonts(), resources.sqlJs()]);
  onProgress({ step: 'build', fraction: 0.3 });
  const result = await buildSubmissionPackage({
    localities: request.localities,
    kraj: request.kraj,
    contact: request.contact,
    outline: request.outline,
    ...(request.orp ? { orp: request.orp } : {}),
    ...(request.obce ? { obce: request.obce } : {}),
    ...(request.letterSettings ? { letterSettings: request.letterSettings } : {}),
    fonts,
    label: packageLabel,
    generatedAt: request.generatedAt,
    appVersion: request.appVersion,
    selection: request.selection,
    boundaries: request.boundaries,
    includeReporters: request.includeReporters,
    sqlJs,
    review: request.review,
    ...(request.obecContacts ? { obecContacts: request.obecContacts } : {}),
    ...(request.previousPackage ? { previousPackage: request.previousPackage } : {}),
    ...(resources.coverLetter ? { coverLetter: resources.coverLetter } : {}),
  });
  onProgress({ step: 'done', fraction: 1 });
  return result;
}
