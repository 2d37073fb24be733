import type { Report } from '../../core/reports/report.ts';
import { formatSjtsk, formatWgs84 } from '../format.ts';
import { useAppStore, useT } from '../storeContext.tsx';

/** The place of a report as derived from its geometry: read-only, never typed. */
export function DerivedPlaceFacts({ report }: { report: Report }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const { place } = report;
  if (!place) return <p className="message">{t('form.place.unknown')}</p>;
  const percent = new Intl.NumberFormat(language === 'cs' ? 'cs-CZ' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 });
  return (
    <>
      <p className="field-hint">{t('form.place.derived')}</p>
      <dl className="facts derived-place">
        <dt>{t('place.obec')}</dt>
        <dd>
          {place.obec.nazev}{' '}
          <span className="code">
            {t('place.kod')} <span className="code-value">{place.obec.kod}</span>
          </span>
        </dd>
        <dt>{t('place.orp')}</dt>
        <dd>
          {place.orp.nazev}{' '}
          <span className="code">
            {t('place.orpCsu')} <span className="code-value">{place.orp.kod}</span>
          </span>{' '}
          <span className="code">
            {t('place.orpRuian')} <span className="code-value">{place.orp.kodRuian ?? t('place.unknownCode')}</span>
          </span>
        </dd>
        <dt>{t('place.okres')}</dt>
        <dd>
          {place.okres.nazev}{' '}
          <span className="code">
            LAU1 <span className="code-value">{place.okres.lau1}</span>
          </span>
        </dd>
        <dt>{t('place.kraj')}</dt>
        <dd>
          {place.kraj.nazev}{' '}
          <span className="code">
            NUTS3 <span className="code-value">{place.kraj.nuts3}</span>
          </span>
        </dd>
        <dt>
          {t('place.sjtsk')} <span className="dt-note">EPSG:5514</span>
        </dt>
        <dd className="coordinates">{formatSjtsk(place.sjtsk.x, place.sjtsk.y)}</dd>
        <dt>{t('place.wgs84')}</dt>
        <dd className="coordinates">{formatWgs84(place.wgs84.lon, place.wgs84.lat)}</dd>
        {place.alsoIn.length > 0 && (
          <>
            <dt>{t('form.place.alsoIn')}</dt>
            <dd>{place.alsoIn.map((obec) => `${obec.nazev} (${percent.format(obec.share)})`).join(', ')}</dd>
          </>
        )}
      </dl>
    </>
  );
}
