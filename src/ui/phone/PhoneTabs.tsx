/**
 * The phone layout's bottom bar: the map, field mode ("V terénu": the map above, "Tady není signál" and the route
 * recording below it), the list (and the other panels) and the open report's form, one at a time. The choice is
 * UI state held here; opening a report switches to the form, closing it back to where the person came from.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { MessageKey } from '../../i18n/translate.ts';
import { useAppStore, useT } from '../storeContext.tsx';

export type PhonePanel = 'map' | 'field' | 'list' | 'form';

interface PhonePanelState {
  panel: PhonePanel;
  setPanel(panel: PhonePanel): void;
}

const PhonePanelContext = createContext<PhonePanelState>({ panel: 'map', setPanel: () => undefined });

export function usePhonePanel(): PhonePanelState {
  return useContext(PhonePanelContext);
}

export function PhonePanelProvider({ children }: { children: ReactNode }) {
  const [panel, setPanel] = useState<PhonePanel>('map');
  const formOpen = useAppStore((state) => state.editor.selectedReportId !== null && state.reports[state.editor.selectedReportId] !== undefined);
  const appView = useAppStore((state) => state.appView);
  const before = useRef<PhonePanel>('list');
  // A report opened (from the list, the map, "Tady není signál"): its form. Closed: back where the person was.
  useEffect(() => {
    setPanel((current) => {
      if (formOpen && current !== 'form') {
        before.current = current;
        return 'form';
      }
      // "Zpět na seznam" / "Hotovo": to the list, or back to field mode when the report was made there.
      if (!formOpen && current === 'form') return before.current === 'field' ? 'field' : 'list';
      return current;
    });
  }, [formOpen]);
  // The region overview has no field mode and no report form.
  useEffect(() => {
    if (appView === 'coordinator') setPanel((current) => (current === 'field' || current === 'form' ? 'list' : current));
  }, [appView]);
  return <PhonePanelContext.Provider value={{ panel, setPanel }}>{children}</PhonePanelContext.Provider>;
}

const TABS: Array<{ panel: PhonePanel; labelKey: MessageKey; icon: ReactNode }> = [
  {
    panel: 'map',
    labelKey: 'phone.tab.map',
    icon: <path d="M3 6l6-2 6 2 6-2v14l-6 2-6-2-6 2zM9 4v14M15 6v14" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />,
  },
  {
    panel: 'field',
    labelKey: 'phone.tab.field',
    icon: (
      <>
        <path d="M12 21s7-7.6 7-12.2A7 7 0 0 0 5 8.8C5 13.4 12 21 12 21z" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path d="M7 15 17 5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
      </>
    ),
  },
  {
    panel: 'list',
    labelKey: 'phone.tab.list',
    icon: <path d="M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />,
  },
  {
    panel: 'form',
    labelKey: 'phone.tab.form',
    icon: <path d="M5 4h10l4 4v12H5zM8 12h8M8 16h6" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />,
  },
];

/** The bottom bar (a navigation landmark); the current panel is marked with aria-current. */
export function PhoneTabs() {
  const t = useT();
  const { panel, setPanel } = usePhonePanel();
  const appView = useAppStore((state) => state.appView);
  const formOpen = useAppStore((state) => state.editor.selectedReportId !== null && state.reports[state.editor.selectedReportId] !== undefined);
  const recording = useAppStore((state) => state.route !== null);
  const tabs = TABS.filter((tab) => appView === 'reports' || tab.panel === 'map' || tab.panel === 'list');
  return (
    <nav className="phone-tabs" aria-label={t('phone.tabs')}>
      {tabs.map((tab) => {
        const disabled = tab.panel === 'form' && !formOpen;
        const label = appView === 'coordinator' && tab.panel === 'list' ? t('phone.tab.panel') : t(tab.labelKey);
        return (
          <button
            key={tab.panel}
            type="button"
            className="phone-tab"
            aria-current={panel === tab.panel ? 'page' : undefined}
            disabled={disabled}
            title={disabled ? t('phone.tab.formNone') : undefined}
            onClick={() => setPanel(tab.panel)}
          >
            <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              {tab.icon}
            </svg>
            <span>{label}</span>
            {tab.panel === 'field' && recording && <span className="phone-tab-recording">{t('phone.tab.recording')}</span>}
          </button>
        );
      })}
    </nav>
  );
}
