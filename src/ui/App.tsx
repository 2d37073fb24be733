import { useEffect } from 'react';
import { ActionsProvider, useGlobalShortcuts } from './actions/ActionsProvider.tsx';
import { Header } from './Header.tsx';
import { SkipToMapLink } from './SkipToMapLink.tsx';
import { Legend } from './Legend.tsx';
import { MapView } from './MapView.tsx';
import { PlacePanel } from './PlacePanel.tsx';
import { RegionSummary } from './RegionSummary.tsx';
import { AppDialogs } from './reports/AppDialogs.tsx';
import { useImportDrop } from './reports/importDrop.ts';
import { ImportResultPanel } from './reports/ImportSummaryView.tsx';
import { MyObecPanel } from './reports/MyObecPanel.tsx';
import { ReportList } from './reports/ReportList.tsx';
import { ReportsToolbar } from './reports/ReportsToolbar.tsx';
import { useAppStore, useT } from './storeContext.tsx';
import { AppUpdateBanner } from './field/AppUpdateBanner.tsx';
import { FieldPanel } from './field/FieldPanel.tsx';
import { useNetworkStatus } from './field/NetworkStatus.tsx';
import { WorkspacePanel } from './workspace/WorkspacePanel.tsx';
import { useRouteRecorder } from './field/useRouteRecorder.ts';
import { usePhoneLayout } from './phone/mediaQuery.ts';
import { PhonePanelProvider, PhoneTabs, usePhonePanel } from './phone/PhoneTabs.tsx';
import './phone/phoneLayout.css';
// Loaded when first shown (the mayor's first screen needs none of them): src/ui/lazy/parts.tsx.
import { CoordinatorSidebar, CoordinatorToolbar, ReportFormPanel, TableImportHost } from './lazy/parts.tsx';

export function App() {
  return (
    <ActionsProvider>
      <PhonePanelProvider>
        <AppLayout />
      </PhonePanelProvider>
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
  const phone = usePhoneLayout();
  const { panel } = usePhonePanel();

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  return (
    <>
      <SkipToMapLink />
      <Header />
      <AppUpdateBanner />
      <main className="layout" data-phone-panel={phone ? panel : undefined}>
        <div className="map-column">
          {appView === 'coordinator' ? <CoordinatorToolbar /> : <ReportsToolbar />}
          <MapView />
          {phone && panel === 'map' && <PlacePanel sheet />}
        </div>
        <aside className="sidebar" aria-label={t('sidebar.label')}>
          <Sidebar />
        </aside>
      </main>
      {phone && <PhoneTabs />}
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
  // On a phone the bottom bar chooses: field mode and the list are reachable while a report is open.
  const phone = usePhoneLayout();
  const { panel } = usePhonePanel();
  if (phone && panel === 'field') return <FieldPanel />;
  if (formOpen && !(phone && panel === 'list')) return <ReportFormPanel />;
  return (
    <>
      <MyObecPanel />
      <WorkspacePanel />
      <FieldPanel />
      <ImportResultPanel />
      <ReportList />
      <PlacePanel />
      <RegionSummary />
      <Legend />
    </>
  );
}
