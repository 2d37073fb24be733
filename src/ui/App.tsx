import { useEffect } from 'react';
import { BasemapSwitcher } from './BasemapSwitcher.tsx';
import { Header } from './Header.tsx';
import { Legend } from './Legend.tsx';
import { MapView } from './MapView.tsx';
import { PlacePanel } from './PlacePanel.tsx';
import { RegionSummary } from './RegionSummary.tsx';
import { useAppStore, useT } from './storeContext.tsx';

export function App() {
  const t = useT();
  const language = useAppStore((state) => state.language);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  return (
    <>
      <a className="skip-link" href="#map">
        {t('app.skipToMap')}
      </a>
      <Header />
      <main className="layout">
        <MapView />
        <aside className="sidebar" aria-label={t('sidebar.label')}>
          <PlacePanel />
          <RegionSummary />
          <BasemapSwitcher />
          <Legend />
        </aside>
      </main>
    </>
  );
}
