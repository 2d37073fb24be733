/**
 * Reading a submission package back: the manifest's checksums are verified first (a changed, missing or added file
 * is reported and nothing is imported), then the reports and the review come from the package's data files.
 */
import { parseJsonBounded, unzipBounded, zipBudget } from '../limits/boundedInput.ts';
import { INPUT_LIMITS } from '../limits/inputLimits.ts';
import { parseObecFile } from '../obecFile/parseObecFile.ts';
import type { Report } from '../reports/report.ts';
import { parseReviewFile } from '../review/reviewFile.ts';
import type { ReviewState } from '../review/reviewModel.ts';
import { isSubmissionPackage, PACKAGE_DATA_FILES } from './packageDataFiles.ts';
import { verifyPackage, type PackageVerification } from './zipPackage.ts';

export { isSubmissionPackage };

export type PackageImport =
  | {
      ok: true;
      reports: Report[];
      review: ReviewState;
      manifest: Record<string, unknown>;
      /** The data files as text, for an import that goes through the app's own obec-file and review imports. */
      texts: { reports: string; review: string; obecContacts: Record<string, string> };
    }
  | { ok: false; code: 'package.tampered' | 'package.notZip' | 'package.noManifest' | 'package.noData'; verification?: PackageVerification };

export async function importSubmissionPackage(zip: Uint8Array): Promise<PackageImport> {
  const verification = await verifyPackage(zip);
  if (verification.code) return { ok: false, code: verification.code, verification };
  if (!verification.ok) return { ok: false, code: 'package.tampered', verification };
  const unzipped = unzipBounded(zip, zipBudget(INPUT_LIMITS.zip.inflatedBytes.package));
  if (!unzipped.ok) return { ok: false, code: 'package.notZip' };
  const files = unzipped.files;
  const text = (name: string) => (files.has(name) ? new TextDecoder().decode(files.get(name)) : null);
  const reportsText = text(PACKAGE_DATA_FILES.reports);
  const reviewText = text(PACKAGE_DATA_FILES.review);
  if (reportsText === null || reviewText === null) return { ok: false, code: 'package.noData' };
  const reports = parseObecFile(reportsText);
  const review = parseReviewFile(reviewText);
  if (!reports.ok || !review.ok) return { ok: false, code: 'package.noData' };
  const manifest = parseJsonBounded(text('manifest.json') ?? '');
  if (!manifest.ok || typeof manifest.value !== 'object' || manifest.value === null) return { ok: false, code: 'package.noManifest' };
  let obecContacts: Record<string, string> = {};
  try {
    const parsed = JSON.parse(text(PACKAGE_DATA_FILES.obecContacts) ?? '{}') as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      obecContacts = Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    }
  } catch {
    // Packages built before the contacts were carried have none; a broken copy changes nothing else.
  }
  return {
    ok: true,
    reports: reports.reports,
    review: review.state,
    manifest: manifest.value as Record<string, unknown>,
    texts: { reports: reportsText, review: reviewText, obecContacts },
  };
}
