import { useId } from 'react';
import { KRAJE } from '../core/units/adminUnits.ts';
import type { PlaceDescription } from '../core/lookup/placeDescription.ts';
import type { Selection } from '../store/selectionSlice.ts';
import { formatDistanceKm, formatSjtsk, formatWgs84 } from './format.ts';
import { useAppStore, useT } from './storeContext.tsx';

/**
 * What the last click (or Enter on the map) found: the panel is a live region. In the sidebar it is always there; on
 * a phone's map tab (`sheet`) it rises over the map's bottom edge while a place is selected, since the sidebar is a
 * tab away there.
 */
export function PlacePanel({ sheet = false }: { sheet?: boolean }) {
  const t = useT();
  const selection = useAppStore((state) => state.selection);
  const clearSelection = useAppStore((state) => state.clearSelection);
  const titleId = useId();
  if (sheet && selection.status === 'idle') return null;
  return (
    <section className={sheet ? 'panel place-panel place-sheet' : 'panel place-panel'} aria-labelledby={titleId}>
      <div className="panel-heading">
        <h2 id={titleId}>{t('panel.title')}</h2>
        {selection.status !== 'idle' && (
          <button type="button" className="link-button" onClick={clearSelection}>
            {t('panel.close')}
          </button>
        )}
      </div>
      <div aria-live="polite" aria-busy={selection.status === 'looking'}>
        <SelectionBody selection={selection} />
      </div>
    </section>
  );
}

function SelectionBody({ selection }: { selection: Selection }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  switch (selection.status) {
    case 'idle':
      return <p className="hint">{t('panel.empty')}</p>;
    case 'looking':
      return <p className="hint">{t('panel.looking')}</p>;
    case 'failed':
      return <p className="message message-error">{t(selection.code)}</p>;
    case 'done': {
      const { lookup, point } = selection;
      if (lookup.ok) return <PlaceDetails place={lookup.place} />;
      return (
        <div className="message">
          <p>{t(lookup.code)}</p>
          {lookup.nearest && (
            <p>
              {t('lookup.nearest', {
                nazev: lookup.nearest.nazev,
                distance: formatDistanceKm(language, lookup.nearest.distanceM),
              })}
            </p>
          )}
          <dl className="facts">
            <dt>{t('place.wgs84')}</dt>
            <dd className="coordinates">{formatWgs84(point.lon, point.lat)}</dd>
          </dl>
        </div>
      );
    }
  }
}

function PlaceDetails({ place }: { place: PlaceDescription }) {
  const t = useT();
  const krajId = useAppStore((state) => state.krajId);
  const selectKraj = useAppStore((state) => state.selectKraj);
  const { obec, orp, pou, okres, kraj, wgs84, sjtsk } = place;
  const otherKraj = kraj.nuts3 !== krajId;
  const krajNazev = KRAJE.find((k) => k.nuts3 === kraj.nuts3)?.nazev ?? kraj.nazev;
  return (
    <>
      <p className="place-name">{obec.nazev}</p>
      <dl className="facts">
        <dt>{t('place.kodObce')}</dt>
        <dd>
          <span className="code-value">{obec.kod}</span>
        </dd>
        <dt>{t('place.orp')}</dt>
        <dd>
          {orp.nazev}
          <span className="codes">
            <Code label={t('place.orpCsu')} value={orp.kod} />
            <Code label={t('place.orpRuian')} value={orp.kodRuian ?? t('place.unknownCode')} />
          </span>
        </dd>
        <dt>{t('place.pou')}</dt>
        <dd>
          {pou.nazev} <Code label={t('place.kod')} value={pou.kod} />
        </dd>
        <dt>{t('place.okres')}</dt>
        <dd>
          {okres.nazev} <Code label="LAU1" value={okres.lau1} />
        </dd>
        <dt>{t('place.kraj')}</dt>
        <dd>
          {krajNazev} <Code label="NUTS3" value={kraj.nuts3} />
        </dd>
        <dt>{t('place.wgs84')}</dt>
        <dd className="coordinates">{formatWgs84(wgs84.lon, wgs84.lat)}</dd>
        <dt>
          {t('place.sjtsk')} <span className="dt-note">EPSG:5514</span>
        </dt>
        <dd className="coordinates">{formatSjtsk(sjtsk.x, sjtsk.y)}</dd>
      </dl>
      {otherKraj && (
        <div className="message">
          <p>{t('panel.otherKraj', { kraj: krajNazev })}</p>
          <button type="button" onClick={() => void selectKraj(kraj.nuts3)}>
            {t('panel.switchKraj', { kraj: krajNazev })}
          </button>
        </div>
      )}
    </>
  );
}

function Code({ label, value }: { label: string; value: string }) {
  return (
    <span className="code">
      {label} <span className="code-value">{value}</span>
    </span>
  );
}
