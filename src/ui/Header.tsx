import { ViewSwitch } from './regionOverview/ViewSwitch.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { NetworkStatus } from './field/NetworkStatus.tsx';
import { RegionSwitcher } from './RegionSwitcher.tsx';
import { SearchBox } from './SearchBox.tsx';
import { useT } from './storeContext.tsx';

export function Header() {
  const t = useT();
  return (
    <header className="app-header">
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
      <div className="header-controls">
        <ViewSwitch />
        <RegionSwitcher />
        <SearchBox />
        <LanguageSwitch />
        <NetworkStatus />
      </div>
    </header>
  );
}
