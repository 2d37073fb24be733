import { useId } from 'react';
import { WorkspacePanel } from '../workspace/WorkspacePanel.tsx';
import { FileButton } from '../FileButton.tsx';
import { ActionGroupButtons } from '../reports/ReportsToolbar.tsx';
import { useAppStore, useT } from '../storeContext.tsx';
import { AnalysisSettingsPanel } from './AnalysisSettingsPanel.tsx';
import { BulkImportPanel } from './BulkImportPanel.tsx';
import { ChoroplethLegend } from './ChoroplethLegend.tsx';
import { CoordinatorFilters } from './RegionOverviewFilters.tsx';
import { reviewNoticeKey } from './regionOverviewText.ts';
import { LocalityList } from './LocalityList.tsx';
import { LocalityPanel } from './LocalityPanel.tsx';
import { MeasurementsPanel } from './NettestPanel.tsx';
import { OrpTable } from './OrpTable.tsx';
import { PackagePanel } from './PackageDialog.tsx';
import { ZsjLayerPanel } from './ZsjLayerPanel.tsx';
import { ZsjTable } from './ZsjTable.tsx';

/** The coordinator's sidebar: the open locality's review, or the import, legend, filters, ORP table and localities. */
export function CoordinatorSidebar() {
  const locality = useAppStore((state) => {
    const id = state.selectedLocalityId;
    return id ? (state.analysis.result?.localities.find((l) => l.id === id) ?? null) : null;
  });
  if (locality) return <LocalityPanel locality={locality} />;
  return (
    <>
      <WorkspacePanel />
      <BulkImportPanel />
      <MeasurementsPanel />
      <ChoroplethLegend />
      <CoordinatorFilters />
      <AnalysisSettingsPanel />
      <ZsjLayerPanel />
      <OrpTable />
      <ZsjTable />
      <LocalityList />
      <PackagePanel />
      <ReviewFilePanel />
    </>
  );
}

/** The review file: export (registered action) and import (merge). */
function ReviewFilePanel() {
  const t = useT();
  const id = useId();
  const importReview = useAppStore((state) => state.importReview);
  const notice = useAppStore((state) => state.reviewNotice);
  const storage = useAppStore((state) => state.reviewStorage);
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('reviewFile.title')}</h2>
      <p className="small">{t('reviewFile.explain')}</p>
      <div className="list-actions">
        <ActionGroupButtons group="review" label={t('reviewFile.title')} className="list-actions" />
        <FileButton label={t('reviewFile.import')} accept=".json,application/json" onFiles={([file]) => void file!.text().then(importReview)} />
      </div>
      {notice && notice.code.startsWith('reviewFile.') && (
        <p className="message message-error" role="alert">
          {t(reviewNoticeKey(notice.code), notice.params)}
        </p>
      )}
      {storage.state === 'failing' && (
        <p className="message message-error" role="alert">
          {t('reviewFile.notSaved')}
        </p>
      )}
    </section>
  );
}
