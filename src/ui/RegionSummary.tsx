import { formatCount, formatIsoDate } from './format.ts';
import { useAppStore, useT } from './storeContext.tsx';

/** The selected kraj at a glance, with its ORP as buttons that fit the map to them. */
export function RegionSummary() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const pack = useAppStore((state) => state.pack);
  const zoomToOrp = useAppStore((state) => state.zoomToOrp);
  if (pack.status !== 'ready') return null;
  return (
    <section className="panel" aria-labelledby="region-summary-title">
      <h2 id="region-summary-title">{pack.nazev}</h2>
      <p>{t('region.counts', { obce: formatCount(language, pack.counts.obce), orp: formatCount(language, pack.counts.orp) })}</p>
      <p className="small">
        {t('region.boundariesDate', { date: formatIsoDate(language, pack.describesDate) })}
        <br />
        {t('region.source', { attribution: attributionText(pack.attribution, t('region.attribution.sharedCz'), t('region.attribution.ruian')) })}
      </p>
      <details className="orp-list">
        <summary>
          {t('region.orpListTitle')} ({pack.orp.length})
        </summary>
        <ul>
          {pack.orp.map((orp) => (
            <li key={orp.kod}>
              <button type="button" className="link-button" aria-label={t('region.orpZoom', { nazev: orp.nazev })} onClick={() => zoomToOrp(orp.kod)}>
                {orp.nazev}
              </button>
              <span className="code">
                {orp.kod}
                {orp.kodRuian ? ` / ${orp.kodRuian}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}

/**
 * The pack's attribution is written in Czech by the build; the UI shows it in its own language when it is one of the
 * two the build writes, and as given otherwise.
 */
const SHARED_CZ_ATTRIBUTION = 'hranice obcí: © ČÚZK (RÚIAN), CC BY 4.0; zjednodušení: iROZHLAS; ORP, okresy, kraje: RCzechia (© ČÚZK), CC BY 4.0';
const RUIAN_ATTRIBUTION = '© ČÚZK (RÚIAN), CC BY 4.0';

function attributionText(attribution: string, sharedCz: string, ruian: string): string {
  if (attribution === SHARED_CZ_ATTRIBUTION) return sharedCz;
  if (attribution === RUIAN_ATTRIBUTION) return ruian;
  return attribution;
}
