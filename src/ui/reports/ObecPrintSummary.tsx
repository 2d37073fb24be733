import type { MultiPolygon, Polygon } from 'geojson';
import { useMemo } from 'react';
import type { ObecFileSignOff } from '../../core/obecFile/obecFileFormat.ts';
import { summaryMap } from '../../core/obecFile/summaryMap.ts';
import type { Report } from '../../core/reports/report.ts';
import { formatIsoDate, formatMetres } from '../format.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { Dialog } from './Dialog.tsx';
import { failureKey, operatorKey } from './reportText.ts';
import { reportDate } from './reportSummary.ts';

/** A scale bar length (m) that is a round number and about a fifth of the map's width. */
function scaleBarMetres(metresPerUnit: number, width: number): number {
  const target = (metresPerUnit * width) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  return (
    [1, 2, 5, 10]
      .map((step) => step * magnitude)
      .filter((m) => m <= target)
      .pop() ?? magnitude
  );
}

/**
 * One printable page for the obec's council: the reports of the obec file, numbered, on a map of the obec (drawn
 * as SVG from the boundary pack: no tiles, so it prints offline) and in a list. On screen it is a dialog with a
 * "Print" button; the print stylesheet prints only the sheet.
 */
export function ObecPrintSummary({
  obec,
  reports,
  outline,
  signOff,
  onClose,
}: {
  obec: { kod: string; nazev: string } | null;
  reports: readonly Report[];
  outline: Polygon | MultiPolygon | null;
  signOff: ObecFileSignOff;
  onClose(): void;
}) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const map = useMemo(() => summaryMap(outline, reports), [outline, reports]);
  const bar = scaleBarMetres(map.metresPerUnit, map.width);
  const barUnits = bar / map.metresPerUnit;
  const title = obec ? t('obecFile.print.title', { obec: obec.nazev }) : t('obecFile.print.titleAll');
  return (
    <Dialog title={t('obecFile.print.dialogTitle')} onClose={onClose} className="print-dialog">
      <div className="print-buttons">
        <button type="button" className="primary-button" onClick={() => window.print()}>
          {t('obecFile.print.print')}
        </button>
        <button type="button" className="secondary-button" onClick={onClose}>
          {t('obecFile.print.back')}
        </button>
      </div>
      <article className="print-sheet" aria-label={title}>
        <header>
          <h3>{title}</h3>
          <p>
            {obec && t('obecFile.print.code', { kod: obec.kod })} {t('obecFile.print.count', { count: reports.length })}{' '}
            {t('obecFile.print.date', { date: formatIsoDate(language, signOff.date) })}
          </p>
        </header>
        <svg className="print-map" viewBox={`0 0 ${map.width} ${map.height}`} role="img" aria-label={t('obecFile.print.mapLabel', { count: reports.length })}>
          <rect x="0" y="0" width={map.width} height={map.height} fill="#fff" stroke="#888" />
          {map.outline && <path d={map.outline} fill="#eef3f8" stroke="#1d3557" strokeWidth="1.5" fillRule="evenodd" />}
          {map.items.map((item) =>
            item.kind === 'point' ? (
              <circle key={item.id} cx={item.x} cy={item.y} r="5" fill="#c1121f" stroke="#fff" strokeWidth="1.5" />
            ) : (
              <path
                key={item.id}
                d={item.d}
                fill={item.kind === 'area' ? 'rgba(193,18,31,0.25)' : 'none'}
                stroke="#c1121f"
                strokeWidth={item.kind === 'line' ? 3 : 1.5}
                fillRule="evenodd"
              />
            ),
          )}
          {map.items.map((item) => (
            <text
              key={`${item.id}-n`}
              x={item.x + 7}
              y={item.y - 6}
              fontSize="13"
              fontWeight="700"
              fill="#111"
              stroke="#fff"
              strokeWidth="3"
              paintOrder="stroke"
            >
              {item.number}
            </text>
          ))}
          <g transform={`translate(${map.width - 18 - barUnits}, ${map.height - 14})`}>
            <path d={`M0 0H${barUnits}`} stroke="#111" strokeWidth="2" />
            <text x={barUnits / 2} y="-5" fontSize="11" textAnchor="middle" fill="#111">
              {formatMetres(language, bar)}
            </text>
          </g>
        </svg>
        <table className="print-list">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('obecFile.print.number')}</th>
              <th scope="col">{t('obecFile.print.place')}</th>
              <th scope="col">{t('obecFile.print.failures')}</th>
              <th scope="col">{t('obecFile.print.operators')}</th>
              <th scope="col">{t('obecFile.print.when')}</th>
            </tr>
          </thead>
          <tbody>
            {reports.map((report, index) => (
              <tr key={report.id}>
                <td>{index + 1}</td>
                <td>
                  {report.description}
                  {report.castObce?.nazev ? ` (${report.castObce.nazev})` : ''}
                  {report.demo ? ' — DEMO' : ''}
                </td>
                <td>{report.failures.map((code) => t(failureKey(code))).join(', ')}</td>
                <td>{report.operators.map((code) => t(operatorKey(code))).join(', ')}</td>
                <td>{formatIsoDate(language, reportDate(report))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <footer>
          <p>{t('obecFile.print.signOff', { name: signOff.name || '—', function: signOff.function || '—' })}</p>
          <p className="small">{t('obecFile.print.source')}</p>
        </footer>
      </article>
    </Dialog>
  );
}
