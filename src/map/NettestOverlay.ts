/**
 * The NetTest measurement layer on the coordinator's map, owned by MapController: hexagons from the analysis
 * worker while zoomed out, the single measurements of the visible area when zoomed in (asked for on every move),
 * and a tooltip built from text nodes (nothing from the file is ever parsed as HTML).
 */
import type { GeoJSONSource, LngLatLike, Map as MapLibreMap, MapLayerMouseEvent, Popup } from 'maplibre-gl';
import { positionsBbox } from '../core/geo/geometryBbox.ts';
import type { FeatureCollection } from 'geojson';
import { localeOf, translate, type Language } from '../i18n/translate.ts';
import type { AppState, AppStore } from '../store/appStore.ts';
import { MEASUREMENT_POINTS_ZOOM } from '../store/nettestSlice.ts';
import { COORDINATOR_LAYER } from './regionOverviewLayers.ts';
import { tooltipLines } from './tooltipLines.ts';
import {
  MEASUREMENT_LAYER,
  MEASUREMENT_SOURCE,
  measurementCellFeatures,
  measurementLayers,
  measurementPointFeatures,
  measurementSources,
} from './nettestLayers.ts';

export class MeasurementOverlay {
  private installed = false;
  private hovered: { source: string; id: string | number } | null = null;
  private focused: string | null = null;

  constructor(
    private readonly map: MapLibreMap,
    private readonly container: HTMLElement,
    private readonly store: AppStore,
    private readonly tooltip: Popup,
  ) {}

  install(): void {
    for (const [id, source] of Object.entries(measurementSources())) if (!this.map.getSource(id)) this.map.addSource(id, source);
    // Below the localities and the report points, above the choropleth and the report hexagons.
    const before = this.map.getLayer(COORDINATOR_LAYER.localityFill) ? COORDINATOR_LAYER.localityFill : undefined;
    for (const layer of measurementLayers()) if (!this.map.getLayer(layer.id)) this.map.addLayer(layer, before);
    this.map.on('mousemove', MEASUREMENT_LAYER.cellFill, this.onCellHover);
    this.map.on('mouseleave', MEASUREMENT_LAYER.cellFill, this.onLeave);
    this.map.on('mousemove', MEASUREMENT_LAYER.points, this.onPointHover);
    this.map.on('mouseleave', MEASUREMENT_LAYER.points, this.onLeave);
    this.map.on('moveend', this.onMoveEnd);
    this.installed = true;
  }

  private visible(state: AppState): boolean {
    return state.appView === 'coordinator' && state.measurementLayer.visible && state.measurements.count > 0;
  }

  sync(state: AppState, previous: AppState | null): void {
    if (!this.installed) return;
    const visible = this.visible(state);
    if (previous === null || visible !== this.visible(previous)) {
      for (const id of Object.values(MEASUREMENT_LAYER)) this.map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
      if (!visible) this.clearHover();
      this.onMoveEnd();
    }
    const metricChanged = previous === null || state.measurementLayer.metric !== previous.measurementLayer.metric;
    if (metricChanged || state.measurementCells !== previous?.measurementCells) {
      const cells = state.measurementCells?.version === state.measurements.version ? state.measurementCells.cells : [];
      this.setData(MEASUREMENT_SOURCE.cells, measurementCellFeatures(cells, state.measurementLayer.metric));
      this.container.dataset.measurementCells = String(cells.length);
    }
    const focused = visible ? state.measurementLayer.focusedCell : null;
    if (focused !== this.focused || (focused !== null && state.measurementCells !== previous?.measurementCells)) this.focus(state, focused);
    if (metricChanged || state.measurementPoints !== previous?.measurementPoints) {
      const points = state.measurementPoints?.version === state.measurements.version ? state.measurementPoints.points : [];
      this.setData(MEASUREMENT_SOURCE.points, measurementPointFeatures(points, state.measurementLayer.metric));
      this.container.dataset.measurementPoints = String(points.length);
    }
  }

  /** The hexagon picked in the panel's table: outlined, with its figures in the tooltip at its centre. */
  private focus(state: AppState, cell: string | null): void {
    if (this.focused !== null && this.map.getSource(MEASUREMENT_SOURCE.cells))
      this.map.setFeatureState({ source: MEASUREMENT_SOURCE.cells, id: this.focused }, { focus: false });
    this.focused = cell;
    this.container.dataset.measurementFocus = cell ?? '';
    const summary = cell === null ? undefined : state.measurementCells?.cells.find((c) => c.cell === cell);
    if (cell === null || !summary) return;
    this.map.setFeatureState({ source: MEASUREMENT_SOURCE.cells, id: cell }, { focus: true });
    const [west, south, east, north] = positionsBbox(summary.boundary);
    this.showAt(
      [(west + east) / 2, (south + north) / 2],
      cellLines(state.language, { count: summary.count, failures: summary.failures, download: summary.medianDownloadMbps, rsrp: summary.medianRsrpDbm }),
    );
  }

  private setData(id: string, data: FeatureCollection): void {
    void this.map.getSource<GeoJSONSource>(id)?.setData(data);
  }

  private readonly onMoveEnd = (): void => {
    const state = this.store.getState();
    if (!this.visible(state) || this.map.getZoom() < MEASUREMENT_POINTS_ZOOM) {
      if (state.measurementPoints !== null) void state.showMeasurementPointsIn(null);
      return;
    }
    const bounds = this.map.getBounds();
    void state.showMeasurementPointsIn([bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]);
  };

  private hover(source: string, id: string | number): void {
    if (this.hovered?.id === id && this.hovered.source === source) return;
    this.clearHover();
    this.hovered = { source, id };
    if (source === MEASUREMENT_SOURCE.cells) this.map.setFeatureState({ source, id }, { hover: true });
  }

  private readonly onCellHover = (event: MapLayerMouseEvent): void => {
    const state = this.store.getState();
    const feature = event.features?.[0];
    if (!this.visible(state) || !feature || typeof feature.properties.cell !== 'string') return;
    this.hover(MEASUREMENT_SOURCE.cells, feature.properties.cell);
    const p = feature.properties;
    this.show(event, cellLines(state.language, { count: Number(p.count), failures: Number(p.failures), download: p.download, rsrp: p.rsrp }));
  };

  private readonly onPointHover = (event: MapLayerMouseEvent): void => {
    const state = this.store.getState();
    const feature = event.features?.[0];
    const row = feature?.properties.row;
    if (!this.visible(state) || typeof row !== 'number') return;
    const point = state.measurementPoints?.points.find((p) => p.row === row);
    if (!point) return;
    this.hover(MEASUREMENT_SOURCE.points, row);
    this.show(event, pointLines(state.language, point));
  };

  private show(event: MapLayerMouseEvent, lines: string[]): void {
    this.showAt(event.lngLat, lines);
  }

  private showAt(at: LngLatLike, lines: string[]): void {
    this.tooltip.setDOMContent(tooltipLines(lines));
    this.tooltip.setLngLat(at).addTo(this.map);
  }

  private readonly onLeave = (): void => this.clearHover();

  clearHover(): void {
    if (this.hovered?.source === MEASUREMENT_SOURCE.cells && this.map.getSource(this.hovered.source)) this.map.setFeatureState(this.hovered, { hover: false });
    if (this.hovered) this.tooltip.remove();
    this.hovered = null;
  }
}

/** The lines describing one hexagon: its count, failures and medians. */
export function cellLines(language: Language, cell: { count: number; failures: number; download: unknown; rsrp: unknown }): string[] {
  const number = (value: unknown) => (typeof value === 'number' ? value.toLocaleString(localeOf(language)) : translate(language, 'measurements.noValue'));
  return [
    translate(language, 'measurements.tooltip.cell'),
    translate(language, 'measurements.tooltip.count', { count: cell.count, failures: cell.failures }),
    translate(language, 'measurements.tooltip.download', { value: number(cell.download) }),
    translate(language, 'measurements.tooltip.rsrp', { value: number(cell.rsrp) }),
  ];
}

/** The lines describing one measurement (the time is UTC, as NetTest publishes it). */
export function pointLines(language: Language, point: NonNullable<AppState['measurementPoints']>['points'][number]): string[] {
  const noValue = translate(language, 'measurements.noValue');
  const lines = [
    translate(language, 'measurements.tooltip.point', { time: new Date(point.time).toISOString().slice(0, 16).replace('T', ' ') }),
    translate(language, 'measurements.tooltip.values', {
      operator: point.operator ? translate(language, `enum.operator.${point.operator}`) : translate(language, 'measurements.unknownOperator'),
      technology: translate(language, `measurements.technology.${point.technology}`),
      download: point.downloadMbps ?? noValue,
      rsrp: point.rsrpDbm ?? noValue,
    }),
    point.uuid,
  ];
  if (point.failed) lines.push(translate(language, 'measurements.tooltip.failed'));
  return lines;
}
