import { COLORS } from '../map/mapStyle.ts';
import { useT } from './storeContext.tsx';
import type { MessageKey } from '../i18n/translate.ts';

type Swatch = { kind: 'line'; color: string; width: number; casing?: string } | { kind: 'fill'; fill: string; stroke: string } | { kind: 'pin' } | { kind: 'tints' };

const ITEMS: Array<{ key: MessageKey; swatch: Swatch }> = [
  { key: 'legend.kraj', swatch: { kind: 'line', color: COLORS.krajLine, width: 3, casing: COLORS.krajCasing } },
  { key: 'legend.orp', swatch: { kind: 'line', color: COLORS.orpLine, width: 2 } },
  { key: 'legend.obec', swatch: { kind: 'line', color: COLORS.obecLine, width: 1 } },
  { key: 'legend.orpTint', swatch: { kind: 'tints' } },
  { key: 'legend.otherKraje', swatch: { kind: 'fill', fill: COLORS.otherKraje, stroke: '#c3ccd4' } },
  { key: 'legend.selectedObec', swatch: { kind: 'fill', fill: '#f3d9cd', stroke: COLORS.selected } },
  { key: 'legend.selectedPoint', swatch: { kind: 'pin' } },
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
          <line x1="2" y1="9" x2="30" y2="9" stroke={swatch.color} strokeWidth={swatch.width} strokeLinecap="round" />
        </>
      )}
      {swatch.kind === 'fill' && <rect x="2" y="2" width="28" height="14" rx="2" fill={swatch.fill} stroke={swatch.stroke} strokeWidth="1.5" />}
      {swatch.kind === 'tints' &&
        COLORS.orpTints.slice(0, 4).map((color, index) => (
          <rect key={color} x={2 + index * 7} y="2" width="7" height="14" fill={color} stroke="#b5c0ca" strokeWidth="0.75" />
        ))}
      {swatch.kind === 'pin' && (
        <path d="M16 17s5-5.6 5-9a5 5 0 0 0-10 0c0 3.4 5 9 5 9z" fill={COLORS.selected} stroke="#fff" strokeWidth="1" />
      )}
    </svg>
  );
}
