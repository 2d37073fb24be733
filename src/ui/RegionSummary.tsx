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
      <p>
        {t('region.counts', { obce: formatCount(language, pack.counts.obce), orp: formatCount(language, pack.counts.orp) })}
      </p>
      <p className="small">
        {t('region.boundariesDate', { date: formatIsoDate(language, pack.describesDate) })}
        <br />
        {t('region.source', { attribution: pack.attribution })}
      </p>
      <details className="orp-list">
        <summary>
          {t('region.orpListTitle')} ({pack.orp.length})
        </summary>
        <ul>
          {pack.orp.map((orp) => (
            <li key={orp.kod}>
              <button
                type="button"
                className="link-button"
                aria-label={t('region.orpZoom', { nazev: orp.nazev })}
                onClick={() => zoomToOrp(orp.kod)}
              >
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
