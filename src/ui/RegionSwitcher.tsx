import { KRAJE } from '../core/units/adminUnits.ts';
import { useAppStore, useT } from './storeContext.tsx';

export function RegionSwitcher() {
  const t = useT();
  const krajId = useAppStore((state) => state.krajId);
  const selectKraj = useAppStore((state) => state.selectKraj);
  return (
    <div className="field">
      <label htmlFor="region-switcher">{t('region.label')}</label>
      <select id="region-switcher" value={krajId} onChange={(event) => void selectKraj(event.target.value)}>
        {KRAJE.map((kraj) => (
          <option key={kraj.nuts3} value={kraj.nuts3}>
            {kraj.nazev}
          </option>
        ))}
      </select>
    </div>
  );
}
