import { useEffect } from 'react';
import { ActionsProvider, useGlobalShortcuts } from './actions/ActionsProvider.tsx';
import { BasemapSwitcher } from './BasemapSwitcher.tsx';
import { CoordinatorSidebar } from './regionOverview/RegionOverviewSidebar.tsx';
import { CoordinatorToolbar } from './regionOverview/RegionOverviewToolbar.tsx';
import { Header } from './Header.tsx';
import { Legend } from './Legend.tsx';
import { MapView } from './MapView.tsx';
import { PlacePanel } from './PlacePanel.tsx';
import { RegionSummary } from './RegionSummary.tsx';
import { AppDialogs } from './reports/AppDialogs.tsx';
import { useImportDrop } from './reports/ImportDialog.tsx';
import { ImportResultPanel } from './reports/ImportSummaryView.tsx';
import { MyObecPanel } from './reports/MyObecPanel.tsx';
import { ReportFormPanel } from './reports/ReportForm.tsx';
import { ReportList } from './reports/ReportList.tsx';
import { ReportsToolbar } from './reports/ReportsToolbar.tsx';
import { useAppStore, useT } from './storeContext.tsx';
import { TableImportHost } from './tableImport/TableImportDialog.tsx';
import { AppUpdateBanner } from './field/AppUpdateBanner.tsx';
import { FieldPanel } from './field/FieldPanel.tsx';
import { useNetworkStatus } from './field/NetworkStatus.tsx';
import { useRouteRecorder } from './field/useRouteRecorder.ts';

export function App() {
  return (
    <ActionsProvider>
      <AppLayout />
    </ActionsProvider>
  );
}

function AppLayout() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const appView = useAppStore((state) => state.appView);
  useGlobalShortcuts();
  useImportDrop();
  useNetworkStatus();
  useRouteRecorder();

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  return (
    <>
      <a className="skip-link" href="#map">
        {t('app.skipToMap')}
      </a>
      <Header />
      <AppUpdateBanner />
      <main className="layout">
        <div className="map-column">
          {appView === 'coordinator' ? <CoordinatorToolbar /> : <ReportsToolbar />}
          <MapView />
        </div>
        <aside className="sidebar" aria-label={t('sidebar.label')}>
          <Sidebar />
        </aside>
      </main>
      <AppDialogs />
      <TableImportHost />
    </>
  );
}

/** The open report's form, or (no report open) "Moje obec", the list of reports and the map's panels. */
function Sidebar() {
  const appView = useAppStore((state) => state.appView);
  if (appView === 'coordinator') return <CoordinatorSidebar />;
  return <ReportsSidebar />;
}

function ReportsSidebar() {
  const formOpen = useAppStore((state) => state.editor.selectedReportId !== null && state.reports[state.editor.selectedReportId] !== undefined);
  if (formOpen) return <ReportFormPanel />;
  return (
    <>
      <MyObecPanel />
      <FieldPanel />
      <ImportResultPanel />
      <ReportList />
      <PlacePanel />
      <RegionSummary />
      <BasemapSwitcher />
      <Legend />
    </>
  );
}
