import { useEffect, useMemo, useRef } from 'react';
import type { ObecProperties } from '../../core/units/adminUnits.ts';
import { bboxOf } from '../../store/bboxOf.ts';
import { loadedDisplayPack } from '../../store/packRepository.ts';
import { useAppStore, useAppStoreApi, useT } from '../storeContext.tsx';
import { ObecCombobox } from './ObecCombobox.tsx';

/** "Moje obec": the mayor's obec. The map zooms to it and the other obce fade. */
export function MyObecPanel() {
  const t = useT();
  const store = useAppStoreApi();
  const myObecKod = useAppStore((state) => state.myObecKod);
  const pack = useAppStore((state) => state.pack);
  const setMyObec = useAppStore((state) => state.setMyObec);
  const data = pack.status === 'ready' ? loadedDisplayPack(pack.id) : undefined;
  const obce = useMemo(() => data?.obce.features.map((feature) => feature.properties) ?? [], [data]);
  const feature = myObecKod ? data?.obce.features.find((f) => f.properties.kod === myObecKod) : undefined;

  const zoomTo = (kod: string) => {
    const target = loadedDisplayPack(store.getState().krajId)?.obce.features.find((f) => f.properties.kod === kod);
    if (target) store.getState().requestView(bboxOf(target), 14);
  };

  // Once the kraj is drawn, show the mayor's obec rather than the whole kraj.
  const zoomedForPack = useRef<string | null>(null);
  useEffect(() => {
    if (pack.status !== 'ready' || !myObecKod || zoomedForPack.current === pack.id) return;
    zoomedForPack.current = pack.id;
    zoomTo(myObecKod);
  }, [pack, myObecKod]);

  // setMyObec zooms to it.
  const choose = (obec: ObecProperties) => setMyObec(obec.kod);

  return (
    <section className="panel my-obec" aria-labelledby="my-obec-title">
      <h2 id="my-obec-title">{t('myObec.title')}</h2>
      {feature ? (
        <div className="my-obec-chosen">
          <p className="place-name">
            {feature.properties.nazev} <span className="place-name-code">{feature.properties.kod}</span>
          </p>
          <p className="small">{t('myObec.orp', { orp: feature.properties.orpNazev })}</p>
          <div className="button-row">
            <button type="button" className="secondary-button" onClick={() => zoomTo(feature.properties.kod)}>
              {t('myObec.zoom')}
            </button>
            <button type="button" className="link-button" onClick={() => setMyObec(null)}>
              {t('myObec.clear')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <p className="hint">{myObecKod ? t('myObec.otherKraj', { kod: myObecKod }) : t('myObec.hint')}</p>
          <ObecCombobox label={t('myObec.label')} obce={obce} onChoose={choose} />
        </>
      )}
    </section>
  );
}
