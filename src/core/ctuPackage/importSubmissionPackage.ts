/**
 * Reading a submission package back: the manifest's checksums are verified first (a changed, missing or added file
 * is reported and nothing is imported), then the reports and the review come from the package's data files.
 */
import { unzipSync } from 'fflate';
import { parseObecFile } from '../obecFile/parseObecFile.ts';
import type { Report } from '../reports/report.ts';
import { parseReviewFile } from '../review/reviewFile.ts';
import type { ReviewState } from '../review/reviewModel.ts';
import { PACKAGE_DATA_FILES } from './buildSubmissionPackage.ts';
import { verifyPackage, type PackageVerification } from './zipPackage.ts';

export type PackageImport =
  | { ok: true; reports: Report[]; review: ReviewState; manifest: Record<string, unknown> }
  | { ok: false; code: 'package.tampered' | 'package.notZip' | 'package.noManifest' | 'package.noData'; verification?: PackageVerification };

export async function importSubmissionPackage(zip: Uint8Array): Promise<PackageImport> {
  const verification = await verifyPackage(zip);
  if (verification.code) return { ok: false, code: verification.code, verification };
  if (!verification.ok) return { ok: false, code: 'package.tampered', verification };
  const files = unzipSync(zip);
  const text = (name: string) => (files[name] ? new TextDecoder().decode(files[name]) : null);
  const reportsText = text(PACKAGE_DATA_FILES.reports);
  const reviewText = text(PACKAGE_DATA_FILES.review);
  if (reportsText === null || reviewText === null) return { ok: false, code: 'package.noData' };
  const reports = parseObecFile(reportsText);
  const review = parseReviewFile(reviewText);
  if (!reports.ok || !review.ok) return { ok: false, code: 'package.noData' };
  return { ok: true, reports: reports.reports, review: review.state, manifest: JSON.parse(text('manifest.json')!) as Record<string, unknown> };
}
