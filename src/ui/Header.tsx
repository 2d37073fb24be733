import { ViewSwitch } from './regionOverview/ViewSwitch.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NetworkStatus } from './field/NetworkStatus.tsx';
import { RegionSwitcher } from './RegionSwitcher.tsx';
import { SearchBox } from './SearchBox.tsx';
import { useEffect, useId, useState } from 'react';
import { useAppStore, useT } from './storeContext.tsx';

export function Header() {
  const t = useT();
  // On a phone the controls fold away behind "Nabídka" (the network status stays visible); on a laptop the
  // button is not shown and the controls always are.
  const [menuOpen, setMenuOpen] = useState(false);
  const controlsId = useId();
  // A view or a kraj chosen from the menu: the menu folds away and the choice is in view.
  const appView = useAppStore((state) => state.appView);
  const krajId = useAppStore((state) => state.krajId);
  useEffect(() => setMenuOpen(false), [appView, krajId]);
  return (
    <header className={`app-header${menuOpen ? ' menu-open' : ''}`}>
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
          <path d="M16 29s9-10.2 9-16.3A9 9 0 0 0 7 12.7C7 18.8 16 29 16 29z" fill="#f2a541" />
          <path d="M11.5 12.5a6.4 6.4 0 0 1 9 0M13.6 14.8a3.3 3.3 0 0 1 4.8 0" stroke="#15304a" strokeWidth="1.8" fill="none" strokeLinecap="round" />
          <path d="M10 19 22 7" stroke="#15304a" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
        <div>
          <h1>{t('app.title')}</h1>
          <p className="brand-subtitle">{t('app.subtitle')}</p>
        </div>
      </div>
      <button type="button" className="header-menu-button" aria-expanded={menuOpen} aria-controls={controlsId} onClick={() => setMenuOpen(!menuOpen)}>
        <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
          <path d={menuOpen ? 'M5 5l10 10M15 5L5 15' : 'M3 5h14M3 10h14M3 15h14'} stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
        {t('phone.menu')}
      </button>
      <div className="header-controls" id={controlsId}>
        <ViewSwitch />
        <RegionSwitcher />
        <SearchBox />
        <LanguageSwitch />
        <NetworkStatus />
      </div>
    </header>
  );
}
