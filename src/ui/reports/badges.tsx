import type { ReportGeometry, ReportOrigin } from '../../core/reports/report.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { useT } from '../storeContext.tsx';

const KIND_KEYS: Record<ReportGeometry['type'], MessageKey> = {
  Point: 'report.kind.point',
  LineString: 'report.kind.linestring',
  Polygon: 'report.kind.polygon',
};

/** "Bod" / "Úsek" / "Oblast". */
export function KindLabel({ geometry }: { geometry: ReportGeometry }) {
  const t = useT();
  return <span className={`kind-label kind-${geometry.type.toLowerCase()}`}>{t(KIND_KEYS[geometry.type])}</span>;
}

/** Synthetic data is always labelled as such. */
export function DemoBadge() {
  const t = useT();
  return (
    <span className="demo-badge" title={t('demo.badgeTitle')}>
      {t('demo.badge')}
    </span>
  );
}

/** Reports imported from an office's table are told apart (the file and row are in the title). */
export function OriginBadge({ origin }: { origin: ReportOrigin }) {
  const t = useT();
  return (
    <span className="origin-badge" title={t('tableImport.fromTable', { file: origin.file, row: origin.row })}>
      {t('tableImport.badge')}
    </span>
  );
}
