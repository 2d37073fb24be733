import { BASEMAP_IDS, BASEMAPS } from '../map/basemaps.ts';
import { useAppStore, useT } from './storeContext.tsx';

export function BasemapSwitcher() {
  const t = useT();
  const basemap = useAppStore((state) => state.basemap);
  const setBasemap = useAppStore((state) => state.setBasemap);
  const online = useAppStore((state) => state.online);
  return (
    <section className="panel">
      <fieldset className="basemaps">
        <legend>{t('basemap.label')}</legend>
        {BASEMAP_IDS.map((id) => (
          <label key={id} className="radio">
            <input
              type="radio"
              name="basemap"
              value={id}
              checked={basemap === id}
              onChange={() => setBasemap(id)}
            />
            {t(BASEMAPS[id].labelKey)}
          </label>
        ))}
        <p className="small">{t('basemap.needsInternet')}</p>
        {!online && basemap !== 'none' && (
          <p className="message" role="status">
            {t('network.basemapOffline')}
          </p>
        )}
      </fieldset>
    </section>
  );
}
