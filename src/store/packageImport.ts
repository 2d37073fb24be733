/**
 * Loading a ČTÚ package back into the app (README.txt promises that `data/` is for this): the ZIP is verified
 * against its manifest first (a changed, missing or added file refuses the whole package, nothing changes), then
 * its reports go through the obec-file import (ids, revisions, conflicts as for any obec file; one undoable step)
 * and its review through the review import (merged, so a second load changes nothing).
 */
import { importSubmissionPackage } from '../core/ctuPackage/importSubmissionPackage.ts';
import { refusedImport, type ImportSummary } from '../core/obecFile/obecFileFormat.ts';
import type { AppStore } from './appStore.ts';

export async function importPackageZip(store: AppStore, bytes: Uint8Array, fileName: string): Promise<ImportSummary> {
  const imported = await importSubmissionPackage(bytes);
  let summary: ImportSummary;
  if (!imported.ok) summary = refusedImport({ code: imported.code });
  else {
    summary = await store.getState().importObecFile(imported.texts.reports);
    if (summary.ok) {
      const review = await store.getState().importReview(imported.texts.review);
      if (!review.ok) summary = { ...summary, fileProblem: { code: 'package.noData' } };
    }
  }
  store.getState().showImportResult({ source: 'file', fileName, summary });
  return summary;
}
