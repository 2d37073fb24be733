import { COLORS, REPORT_COLORS } from '../map/mapColors.ts';
import { useT } from './storeContext.tsx';
import type { MessageKey } from '../i18n/translate.ts';

type Swatch =
  | { kind: 'line'; color: string; width: number; casing?: string; dashed?: boolean }
  | { kind: 'fill'; fill: string; stroke: string }
  | { kind: 'pin' }
  | { kind: 'tints' }
  | { kind: 'report'; color: string; hollow?: boolean };

const ITEMS: Array<{ key: MessageKey; swatch: Swatch }> = [
  { key: 'legend.kraj', swatch: { kind: 'line', color: COLORS.krajLine, width: 3, casing: COLORS.krajCasing } },
  { key: 'legend.orp', swatch: { kind: 'line', color: COLORS.orpLine, width: 2 } },
  { key: 'legend.obec', swatch: { kind: 'line', color: COLORS.obecLine, width: 1 } },
  { key: 'legend.orpTint', swatch: { kind: 'tints' } },
  { key: 'legend.otherKraje', swatch: { kind: 'fill', fill: COLORS.otherKraje, stroke: '#c3ccd4' } },
  { key: 'legend.selectedObec', swatch: { kind: 'fill', fill: '#f3d9cd', stroke: COLORS.selected } },
  { key: 'legend.selectedPoint', swatch: { kind: 'pin' } },
  { key: 'legend.myObec', swatch: { kind: 'line', color: COLORS.myObec, width: 3, dashed: true } },
  { key: 'legend.report', swatch: { kind: 'report', color: REPORT_COLORS.report } },
  { key: 'legend.reportDemo', swatch: { kind: 'report', color: REPORT_COLORS.demo, hollow: true } },
  { key: 'legend.reportSelected', swatch: { kind: 'report', color: REPORT_COLORS.selected } },
];

export function Legend() {
  const t = useT();
  return (
    <section className="panel" aria-labelledby="legend-title">
      <h2 id="legend-title">{t('legend.title')}</h2>
      <ul className="legend">
        {ITEMS.map(({ key, swatch }) => (
          <li key={key}>
            <SwatchIcon swatch={swatch} />
            {t(key)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SwatchIcon({ swatch }: { swatch: Swatch }) {
  return (
    <svg className="swatch" width="32" height="18" viewBox="0 0 32 18" aria-hidden="true" focusable="false">
      {swatch.kind === 'line' && (
        <>
          {swatch.casing && <line x1="2" y1="9" x2="30" y2="9" stroke="#c9d2da" strokeWidth={swatch.width + 3} strokeLinecap="round" />}
          <line
            x1="2"
            y1="9"
            x2="30"
            y2="9"
            stroke={swatch.color}
            strokeWidth={swatch.width}
            strokeLinecap={swatch.dashed ? 'butt' : 'round'}
            strokeDasharray={swatch.dashed ? '6 3' : undefined}
          />
        </>
      )}
      {swatch.kind === 'report' && (
        <>
          <path
            d="M3 15l8-10 7 6 11-8"
            fill="none"
            stroke={swatch.color}
            strokeWidth="3"
            strokeDasharray={swatch.hollow ? '4 3' : undefined}
            strokeLinecap="round"
          />
          <circle cx="11" cy="9" r="5" fill={swatch.hollow ? '#fff' : swatch.color} stroke={swatch.hollow ? swatch.color : '#fff'} strokeWidth="2" />
        </>
      )}
      {swatch.kind === 'fill' && <rect x="2" y="2" width="28" height="14" rx="2" fill={swatch.fill} stroke={swatch.stroke} strokeWidth="1.5" />}
      {swatch.kind === 'tints' &&
        COLORS.orpTints
          .slice(0, 4)
          .map((color, index) => <rect key={color} x={2 + index * 7} y="2" width="7" height="14" fill={color} stroke="#b5c0ca" strokeWidth="0.75" />)}
      {swatch.kind === 'pin' && <path d="M16 17s5-5.6 5-9a5 5 0 0 0-10 0c0 3.4 5 9 5 9z" fill={COLORS.selected} stroke="#fff" strokeWidth="1" />}
    </svg>
  );
}
