/**
 * The base-map control ON the map (top right, under the zoom buttons): a button that names the map shown and opens
 * the choice (radio buttons, keyboard: Tab/arrows, Esc closes and returns to the button), the note on the offline
 * map and "Připravit mapu obce pro terén". A separate message on the map says when the chosen base map does not
 * load and the offline map is shown instead, with "Zkusit znovu" — right under the button, so it never covers the
 * map's own controls and is seen on a phone's first screen.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { FIELD_TILE_MIN_ZOOM } from '../store/basemapSlice.ts';
import { loadedDisplayPack } from '../store/packRepository.ts';
import { basemapLabel, offeredBasemaps, resolveBasemap } from '../map/basemaps.ts';
import { formatCount } from './format.ts';
import { localeOf, type Language } from '../i18n/translate.ts';
import { useAppStore, useT } from './storeContext.tsx';

function formatMegabytes(language: Language, bytes: number): string {
  const mb = bytes / 1_000_000;
  return `${new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: mb < 10 ? 1 : 0 }).format(mb)} MB`;
}

function useBasemapName(): string {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const basemap = useAppStore((state) => state.basemap);
  const config = useAppStore((state) => state.basemapConfig);
  return basemapLabel(resolveBasemap(basemap, config), language, (key) => t(key));
}

export function BasemapSwitcher() {
  const t = useT();
  const id = useId();
  const panelId = `${id}-panel`;
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const language = useAppStore((state) => state.language);
  const basemap = useAppStore((state) => state.basemap);
  const config = useAppStore((state) => state.basemapConfig);
  const setBasemap = useAppStore((state) => state.setBasemap);
  const name = useBasemapName();

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <div className="basemap-control" data-basemap-control="">
      <button
        ref={buttonRef}
        type="button"
        className="basemap-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('basemapControl.button', { name })}
        title={t('basemapControl.button', { name })}
        onClick={() => setOpen((value) => !value)}
      >
        <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
          <path d="M9 2 1.5 6 9 10l7.5-4z" fill="currentColor" />
          <path d="M3.2 8.9 1.5 9.8 9 13.8l7.5-4-1.7-.9L9 12z" fill="currentColor" opacity=".7" />
          <path d="M3.2 12.4 1.5 13.3 9 17.3l7.5-4-1.7-.9L9 15.5z" fill="currentColor" opacity=".45" />
        </svg>
        {/* Only the map's name is shown (the control stays small over the map); the accessible name says what it is. */}
        <span className="basemap-button-text">{name}</span>
      </button>
      <BasemapStatusMessage />
      <div
        ref={panelRef}
        id={panelId}
        className="basemap-panel"
        hidden={!open}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            close();
          }
        }}
      >
        <fieldset className="basemaps">
          <legend>{t('basemap.label')}</legend>
          {offeredBasemaps(config).map((option) => (
            <label key={option} className="radio">
              <input type="radio" name={`${id}-basemap`} value={option} checked={basemap === option} onChange={() => setBasemap(option)} />
              {option === 'none' ? t('basemapControl.offlineMap') : basemapLabel(resolveBasemap(option, config), language, (key) => t(key))}
            </label>
          ))}
        </fieldset>
        <p className="small">{t('basemap.needsInternet')}</p>
        <p className="small">{t('basemapControl.offlineMapNote')}</p>
        <FieldTiles />
        <button type="button" className="link-button" onClick={close}>
          {t('basemapControl.close')}
        </button>
      </div>
    </div>
  );
}

/** The message shown on the map while the chosen base map does not load (the offline map is drawn instead). */
export function BasemapStatusMessage() {
  const t = useT();
  const status = useAppStore((state) => state.basemapStatus);
  const online = useAppStore((state) => state.online);
  const problem = useAppStore((state) => state.basemapConfigProblem);
  const retryBasemap = useAppStore((state) => state.retryBasemap);
  const name = useBasemapName();
  return (
    <div className="basemap-status-live" role="status">
      {status === 'failed' && (
        <div className="basemap-failed">
          <p>{t(online ? 'basemapControl.failed' : 'basemapControl.failedOffline', { name })}</p>
          {online && (
            <button type="button" className="secondary-button" onClick={retryBasemap}>
              {t('basemapControl.retry')}
            </button>
          )}
        </div>
      )}
      {problem && <p className="basemap-failed small">{t('basemapControl.configProblem', { code: problem })}</p>}
    </div>
  );
}

function FieldTiles() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const fieldTiles = useAppStore((state) => state.fieldTiles);
  const krajId = useAppStore((state) => state.krajId);
  const pack = useAppStore((state) => state.pack);
  const planFieldTiles = useAppStore((state) => state.planFieldTiles);
  const storeFieldTiles = useAppStore((state) => state.storeFieldTiles);
  const cancelFieldTiles = useAppStore((state) => state.cancelFieldTiles);
  const name = useBasemapName();
  const resetFieldTiles = useAppStore((state) => state.resetFieldTiles);
  const obecName = (kod: string) =>
    (pack.status === 'ready' ? loadedDisplayPack(krajId)?.obce.features.find((f) => f.properties.kod === kod)?.properties.nazev : null) ?? kod;
  return (
    <section className="field-tiles" aria-labelledby="field-tiles-title">
      <h3 id="field-tiles-title">{t('fieldTiles.title')}</h3>
      <p className="small">{t('fieldTiles.explain')}</p>
      {fieldTiles.status !== 'running' && fieldTiles.status !== 'planned' && (
        <button type="button" className="secondary-button" onClick={planFieldTiles}>
          {t('fieldTiles.prepare')}
        </button>
      )}
      {fieldTiles.status === 'unavailable' && (
        <p className="message" role="status">
          {t(`fieldTiles.unavailable.${fieldTiles.reason}`)}
        </p>
      )}
      {fieldTiles.status === 'planned' && (
        <div role="status">
          <p>
            {t('fieldTiles.plan', {
              obec: obecName(fieldTiles.obecKod),
              name,
              minZoom: FIELD_TILE_MIN_ZOOM,
              maxZoom: fieldTiles.maxZoom,
              tiles: formatCount(language, fieldTiles.tiles),
              size: formatMegabytes(language, fieldTiles.estimatedBytes),
            })}
          </p>
          {fieldTiles.maxZoom < fieldTiles.requestedMaxZoom && (
            <p className="small">{t('fieldTiles.planReduced', { maxZoom: fieldTiles.maxZoom, requested: fieldTiles.requestedMaxZoom })}</p>
          )}
          <div className="button-row">
            <button type="button" className="primary-button" onClick={() => void storeFieldTiles()}>
              {t('fieldTiles.start')}
            </button>
            <button type="button" className="secondary-button" onClick={resetFieldTiles}>
              {t('fieldTiles.cancel')}
            </button>
          </div>
        </div>
      )}
      {fieldTiles.status === 'running' && (
        <div>
          <label className="small" htmlFor="field-tiles-progress">
            {t('fieldTiles.progress', { done: formatCount(language, fieldTiles.done), tiles: formatCount(language, fieldTiles.tiles) })}
          </label>
          <progress id="field-tiles-progress" max={fieldTiles.tiles} value={fieldTiles.done} aria-label={t('fieldTiles.progressLabel')} />
          <button type="button" className="secondary-button" onClick={cancelFieldTiles}>
            {t('fieldTiles.stop')}
          </button>
        </div>
      )}
      {fieldTiles.status === 'done' && (
        <div role="status">
          <p>
            {fieldTiles.cancelled
              ? t('fieldTiles.cancelled', { done: formatCount(language, fieldTiles.done), tiles: formatCount(language, fieldTiles.tiles) })
              : t('fieldTiles.done', { tiles: formatCount(language, fieldTiles.tiles), size: formatMegabytes(language, fieldTiles.bytes) })}
          </p>
          {fieldTiles.failed > 0 && <p className="message">{t('fieldTiles.doneFailed', { failed: formatCount(language, fieldTiles.failed) })}</p>}
        </div>
      )}
    </section>
  );
}
