import { minOf } from '../../core/math/minMax.ts';
import { useId, useMemo } from 'react';
import { LOCALITY_STATUSES } from '../../core/review/reviewModel.ts';
import { choroplethLegend, classBreaks, classColors, metricValue, STATUS_COLORS } from '../../map/regionOverviewLayers.ts';
import { loadedDisplayPack } from '../../store/packRepository.ts';
import { formatCount } from '../format.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { metricKey, statusKey } from './regionOverviewText.ts';
import { choroplethHidden } from '../../map/RegionOverviewOverlay.ts';

/** The map's key: the classes of the value coloured, "no reports" (hatched), and the localities' statuses. */
export function ChoroplethLegend() {
  const t = useT();
  const id = useId();
  const language = useAppStore((state) => state.language);
  const metric = useAppStore((state) => state.metric);
  const units = useAppStore((state) => state.units);
  const pack = useAppStore((state) => state.pack);
  const result = useAppStore((state) => state.analysis.result);
  const hidden = useAppStore(choroplethHidden);
  const zsjLayer = useAppStore((state) => state.zsjLayer);
  const legend = useMemo(() => {
    if (!result || pack.status !== 'ready') return null;
    if (units === 'h3') {
      const values = result.byH3.map((cell) => metricValue(cell, metric));
      const breaks = classBreaks(values);
      const colors = classColors(breaks.length);
      const min = values.length > 0 ? minOf(values) : 0;
      return {
        classes: breaks.map((to, k) => ({ from: k === 0 ? min : breaks[k - 1]! + 1, to, color: colors[k]! })),
        withReports: result.byH3.length,
        without: null,
      };
    }
    if (units === 'zsj' && zsjLayer) {
      // The same classes as the map: the loaded layer's ZSJ with the statistics by the ZSJ the reports record.
      const zsj = choroplethLegend(result.byZsj, new Set(zsjLayer.outlines.features.map((f) => f.properties.kod)), metric);
      return { classes: zsj.classes, withReports: zsj.unitsWithReports, without: zsj.unitsWithout };
    }
    const kody = new Set((loadedDisplayPack(pack.id)?.orp.features ?? []).map((f) => f.properties.kod));
    const orp = choroplethLegend(result.byOrp, kody, metric);
    return { classes: orp.classes, withReports: orp.unitsWithReports, without: orp.unitsWithout };
  }, [result, pack, metric, units, zsjLayer]);
  if (!legend) return null;
  const range = (from: number, to: number) =>
    Math.round(from) >= Math.round(to)
      ? formatCount(language, Math.round(to))
      : `${formatCount(language, Math.round(from))}–${formatCount(language, Math.round(to))}`;

  return (
    <section className="panel legend coordinator-legend" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {t(units === 'h3' ? 'coordinator.legendH3' : units === 'zsj' ? 'zsjChoropleth.legend' : 'coordinator.legendOrp', { metric: t(metricKey(metric)) })}
      </h2>
      <ul className="legend-list">
        {legend.classes.map((c) => (
          <li key={c.color}>
            <span className="legend-swatch" style={{ background: c.color }} aria-hidden="true" />
            {range(c.from, c.to)}
          </li>
        ))}
        <li>
          <span className="legend-swatch legend-swatch-hatch" aria-hidden="true" />
          {t('coordinator.noReportsUnit')}
          {legend.without !== null && ` (${legend.without})`}
        </li>
      </ul>
      <p className="small">
        {units === 'zsj'
          ? t('zsjChoropleth.legendNote', { count: zsjLayer?.count ?? 0 })
          : t(units === 'h3' ? 'coordinator.legendH3Note' : 'coordinator.legendNote')}
      </p>
      {hidden && <p className="small">{t('measurements.choroplethHidden')}</p>}
      <h3 className="legend-subtitle">{t('coordinator.localitiesLegend')}</h3>
      <ul className="legend-list legend-statuses">
        {LOCALITY_STATUSES.map((status) => (
          <li key={status}>
            <span className="legend-ring" style={{ borderColor: STATUS_COLORS[status] }} aria-hidden="true" />
            {t(statusKey(status))}
          </li>
        ))}
      </ul>
    </section>
  );
}
