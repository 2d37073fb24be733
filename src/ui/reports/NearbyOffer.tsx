import { useAppStore, useT } from '../storeContext.tsx';
import { formatMetres } from '../format.ts';
import { localeOf } from '../../i18n/translate.ts';
import { DemoBadge } from './badges.tsx';
import { failureKey } from './reportText.ts';

/** "Není to stejné místo jako…?": existing reports near the one just placed, each of which can be opened instead. */
export function NearbyOffer({ reportId }: { reportId: string }) {
  const t = useT();
  const offer = useAppStore((state) => (state.editor.nearby?.reportId === reportId ? state.editor.nearby : null));
  const reports = useAppStore((state) => state.reports);
  const language = useAppStore((state) => state.language);
  const openNearbyInstead = useAppStore((state) => state.openNearbyInstead);
  const dismissNearby = useAppStore((state) => state.dismissNearby);
  if (!offer) return null;
  const candidates = offer.candidates.filter((candidate) => reports[candidate.id]).slice(0, 5);
  if (candidates.length === 0) return null;
  return (
    <section className="message nearby-offer" aria-labelledby="nearby-title">
      <h3 id="nearby-title">{t('nearby.title')}</h3>
      <p className="small">{t('nearby.explain')}</p>
      <ul className="nearby-list">
        {candidates.map(({ id, distanceM, overlap }) => {
          const report = reports[id]!;
          return (
            <li key={id}>
              <div>
                <strong>{report.place?.obec.nazev ?? t('list.placeUnknown')}</strong>
                {report.demo && (
                  <>
                    {' '}
                    <DemoBadge />
                  </>
                )}{' '}
                ·{' '}
                {overlap === null || overlap === undefined
                  ? formatMetres(language, distanceM)
                  : t(report.geometry.type === 'LineString' ? 'nearby.alongShare' : 'nearby.areaShare', {
                      percent: new Intl.NumberFormat(localeOf(language), { style: 'percent' }).format(overlap),
                    })}
                <span className="nearby-description">{report.description.trim() || t('list.noDescription')}</span>
                {report.failures.length > 0 && <span className="small">{report.failures.map((code) => t(failureKey(code))).join(', ')}</span>}
              </div>
              <button type="button" className="secondary-button" onClick={() => void openNearbyInstead(id)}>
                {t('nearby.openInstead')}
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="link-button" onClick={dismissNearby}>
        {t('nearby.different')}
      </button>
    </section>
  );
}

/** The report lies outside "Moje obec": it was assigned to the obec it lies in. */
export function PlacementNotice({ reportId }: { reportId: string }) {
  const t = useT();
  const notice = useAppStore((state) =>
    state.editor.notice?.kind === 'outsideMyObec' && state.editor.notice.reportId === reportId ? state.editor.notice : null,
  );
  const dismissNotice = useAppStore((state) => state.dismissNotice);
  if (!notice) return null;
  return (
    <div className="message outside-notice" role="status">
      <p>{t('notice.outsideMyObec', { obec: notice.obec.nazev, kod: notice.obec.kod })}</p>
      <button type="button" className="link-button" onClick={dismissNotice}>
        {t('notice.ok')}
      </button>
    </div>
  );
}
