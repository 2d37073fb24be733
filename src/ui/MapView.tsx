import { useEffect, useRef, useState } from 'react';
import type { MapController } from '../map/MapController.ts';
import { useMapCommandsRef, useMapKeyHandler } from './actions/ActionsProvider.tsx';
import { DemoOnMapBadge, DrawingStatus } from './reports/MapOverlays.tsx';
import { useAppStore, useAppStoreApi, useT } from './storeContext.tsx';
import { clusteredDisplay } from '../map/reportDisplay.ts';
import { useCoarsePointer } from './phone/mediaQuery.ts';
import { BasemapSwitcher } from './BasemapSwitcher.tsx';

const HINT_ID = 'map-keyboard-hint';

/**
 * MapLibre is most of the app's weight: its own chunk (preloaded by index.html beside the entry), run as soon as the
 * entry runs rather than after React's first render. A failed load is asked for again by the next map.
 */
let mapModule: Promise<typeof import('../map/MapController.ts')> | null = null;
function loadMapModule(): Promise<typeof import('../map/MapController.ts')> {
  mapModule ??= import('../map/MapController.ts').catch((error: unknown) => {
    mapModule = null;
    throw error;
  });
  return mapModule;
}
void loadMapModule().catch(() => undefined); // a failure is met again by the map's effect, which asks once more

/** The map region: React owns the frame, MapController owns everything inside the canvas container. */
export function MapView() {
  const t = useT();
  const store = useAppStoreApi();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapCommands = useMapCommandsRef();
  const onKey = useMapKeyHandler();
  // The controller lives as long as the store; the key handler may change with it, so it is read through a ref.
  const onKeyRef = useRef(onKey);
  onKeyRef.current = onKey;
  // Only the reports view's clusters open with Enter (the region overview has its own, and its side tables).
  const clustered = useAppStore((state) => state.appView === 'reports' && clusteredDisplay(Object.keys(state.reports).length));
  // On a touch device the hint is about fingers, and it is shown until the map is first touched.
  const touch = useCoarsePointer();
  const [touched, setTouched] = useState(false);

  // The kraj's base-map settings (basemap.json), once: the default base map and the kraj's own tile server.
  useEffect(() => {
    void store.getState().loadBasemapConfig();
  }, [store]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let controller: MapController | null = null;
    let unmounted = false;
    void loadMapModule().then(({ MapController }) => {
      if (unmounted) return;
      controller = new MapController(container, store, { describedBy: HINT_ID, onKey: (event) => onKeyRef.current(event) });
      mapCommands.current = controller;
    });
    return () => {
      unmounted = true;
      mapCommands.current = null;
      controller?.destroy();
    };
  }, [store, mapCommands]);

  return (
    <div
      id="map"
      className="map-area"
      role="region"
      aria-label={t('map.regionLabel')}
      tabIndex={-1}
      // The skip link lands here; hand the focus on to the map itself, where the keyboard works.
      onFocus={(event) => {
        if (event.target === event.currentTarget) event.currentTarget.querySelector('canvas')?.focus();
      }}
    >
      <div ref={containerRef} className="map-canvas" onPointerDown={touch && !touched ? () => setTouched(true) : undefined} />
      <div className="map-crosshair" aria-hidden="true" />
      <p id={HINT_ID} className={`map-hint${touch && !touched ? ' map-hint-touch' : ''}`}>
        {t(touch ? 'map.touchHint' : 'map.keyboardHint')}
        {clustered && !touch && ` ${t('reportClusters.keyboardHint')}`}
      </p>
      <PackStatus />
      <BasemapSwitcher />
      <DrawingStatus />
      <DemoOnMapBadge />
    </div>
  );
}

function PackStatus() {
  const t = useT();
  const pack = useAppStore((state) => state.pack);
  const selectKraj = useAppStore((state) => state.selectKraj);
  if (pack.status !== 'error') {
    // The live region stays in the page so that screen readers announce "loading" when it appears.
    return (
      <div role="status" className="map-status-live">
        {pack.status === 'loading' && (
          <p className="map-status">
            <span className="spinner" aria-hidden="true" /> {t('region.loading')}
          </p>
        )}
      </div>
    );
  }
  return (
    <div className="map-status map-status-error" role="alert">
      <p>{t('region.loadFailed')}</p>
      <button type="button" onClick={() => void selectKraj(pack.id)}>
        {t('region.retry')}
      </button>
    </div>
  );
}
