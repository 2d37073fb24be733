/**
 * The coordinator's view on the map, owned by MapController: pushes the analysis (choropleth, hexagons,
 * localities, clustered report points) into the coordinator sources when it changes, switches the layers'
 * visibility with the view, and explains what is under the pointer (the figures behind every value).
 */
import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent, MapMouseEvent, Popup } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { translate, type MessageKey } from '../i18n/translate.ts';
import type { AppState, AppStore } from '../store/appStore.ts';
import { loadedDisplayPack } from '../store/packRepository.ts';
import {
  choroplethFeatures,
  COORDINATOR_LAYER,
  COORDINATOR_SOURCE,
  coordinatorVisibility,
  h3Features,
  HATCH_IMAGE,
  hatchImage,
  localityFeatures,
  reportPointFeatures,
  reportShapeFeatures,
} from './regionOverviewLayers.ts';
import { LAYER } from './mapStyle.ts';
import { ALL_REPORT_LAYERS } from './reportLayers.ts';
import { tooltipLines } from './tooltipLines.ts';

const HOVER_LAYERS = [
  COORDINATOR_LAYER.h3Fill,
  COORDINATOR_LAYER.orpFill,
  COORDINATOR_LAYER.orpNoData,
  COORDINATOR_LAYER.obceFill,
  COORDINATOR_LAYER.obceNoData,
  COORDINATOR_LAYER.zsjFill,
  COORDINATOR_LAYER.zsjNoData,
] as const;
const HIT_TOLERANCE = 6;
/** The choropleth's layers (ORP, obec, H3 and their "no reports" hatching). */
const CHOROPLETH_LAYERS: ReadonlySet<string> = new Set<string>([...HOVER_LAYERS, COORDINATOR_LAYER.h3Line]);

/**
 * The reports' choropleth gives way to the NetTest hexagons while they are shown, unless the user keeps it: two
 * colour scales on top of each other read as one. Localities and report points stay.
 */
export function choroplethHidden(state: AppState): boolean {
  return state.measurementLayer.visible && state.measurements.count > 0 && !state.measurementLayer.choroplethUnder;
}
/** The obce's pale fill under the choropleth while the coordinator's view is on (neutral: no ORP tints). */
const NEUTRAL_FILL = '#f4f5f2';

export class CoordinatorOverlay {
  private hovered: { source: string; id: string } | null = null;
  private selectedLocality: string | null = null;
  private originalObceFill: ExpressionSpecification | string | null = null;

  constructor(
    private readonly map: MapLibreMap,
    private readonly container: HTMLElement,
    private readonly store: AppStore,
    private readonly tooltip: Popup,
  ) {}

  /** Called once the style has loaded. */
  install(): void {
    if (!this.map.hasImage(HATCH_IMAGE)) this.map.addImage(HATCH_IMAGE, hatchImage(), { pixelRatio: 1 });
    this.originalObceFill = (this.map.getPaintProperty(LAYER.obceFill, 'fill-color') as ExpressionSpecification | string | undefined) ?? null;
    for (const layer of HOVER_LAYERS) {
      this.map.on('mousemove', layer, this.onHover);
      this.map.on('mouseleave', layer, this.onLeave);
    }
    this.map.on('mouseenter', COORDINATOR_LAYER.localityFill, this.pointer);
    this.map.on('mouseleave', COORDINATOR_LAYER.localityFill, this.noPointer);
    this.map.on('mouseenter', COORDINATOR_LAYER.pointClusters, this.pointer);
    this.map.on('mouseleave', COORDINATOR_LAYER.pointClusters, this.noPointer);
  }

  active(state: AppState): boolean {
    return state.appView === 'coordinator';
  }

  sync(state: AppState, previous: AppState | null): void {
    const on = this.active(state);
    const viewChanged =
      previous === null || state.appView !== previous.appView || state.units !== previous.units || choroplethHidden(state) !== choroplethHidden(previous);
    if (viewChanged) this.showView(state);
    if (!on) return;
    const dataChanged =
      viewChanged ||
      state.analysis.result !== previous?.analysis.result ||
      state.metric !== previous?.metric ||
      state.pack !== previous?.pack ||
      state.review.reviews !== previous?.review.reviews ||
      state.reports !== previous?.reports ||
      state.zsjLayer !== previous?.zsjLayer;
    if (dataChanged) this.showData(state);
    if (dataChanged || state.selectedLocalityId !== this.selectedLocality) this.showSelection(state.selectedLocalityId);
  }

  /** A click in the coordinator's view: a locality opens its panel, a cluster zooms in. True when used. */
  click(event: MapMouseEvent): boolean {
    const { x, y } = event.point;
    const box: [[number, number], [number, number]] = [
      [x - HIT_TOLERANCE, y - HIT_TOLERANCE],
      [x + HIT_TOLERANCE, y + HIT_TOLERANCE],
    ];
    const cluster = this.map.queryRenderedFeatures(box, { layers: [COORDINATOR_LAYER.pointClusters] })[0];
    const clusterId = cluster?.properties.cluster_id;
    if (cluster && typeof clusterId === 'number' && cluster.geometry.type === 'Point') {
      const centre = cluster.geometry.coordinates as [number, number];
      void this.map
        .getSource<GeoJSONSource>(COORDINATOR_SOURCE.points)
        ?.getClusterExpansionZoom(clusterId)
        .then((zoom) => this.map.easeTo({ center: centre, zoom }));
      return true;
    }
    // The smallest locality under the pointer (a small one inside a large one stays clickable).
    const localities = this.map.queryRenderedFeatures(box, { layers: [COORDINATOR_LAYER.localityFill] });
    const hit = localities.sort((a, b) => Number(a.properties.reports) - Number(b.properties.reports))[0];
    const id = typeof hit?.properties.id === 'string' ? hit.properties.id : null;
    this.store.getState().selectLocality(id);
    return true;
  }

  private showView(state: AppState): void {
    const on = this.active(state);
    const hidden = choroplethHidden(state);
    for (const { layer, visible } of coordinatorVisibility(on, state.units)) {
      const shown = visible && !(hidden && CHOROPLETH_LAYERS.has(layer));
      if (this.map.getLayer(layer)) this.map.setLayoutProperty(layer, 'visibility', shown ? 'visible' : 'none');
    }
    // The reports' own layers give way to the clustered points.
    for (const layer of ALL_REPORT_LAYERS) this.map.setLayoutProperty(layer, 'visibility', on ? 'none' : 'visible');
    if (this.originalObceFill !== null) this.map.setPaintProperty(LAYER.obceFill, 'fill-color', on ? NEUTRAL_FILL : this.originalObceFill);
    this.container.dataset.appView = state.appView;
    this.container.dataset.choropleth = on && !hidden ? 'shown' : 'hidden';
    if (!on) this.clearHover();
  }

  private showData(state: AppState): void {
    const result = state.analysis.result;
    const pack = state.pack.status === 'ready' ? loadedDisplayPack(state.pack.id) : undefined;
    if (!result || !pack) return;
    const orp = choroplethFeatures(pack.orp, result.byOrp, state.metric);
    const obce = choroplethFeatures(pack.obce, result.byObec, state.metric);
    this.setData(COORDINATOR_SOURCE.orp, orp);
    this.setData(COORDINATOR_SOURCE.obce, obce);
    this.setData(COORDINATOR_SOURCE.h3, h3Features(result.byH3, state.metric));
    // The loaded ZSJ layer's units, joined with the statistics by the ZSJ each report records.
    const zsj = state.zsjLayer ? choroplethFeatures(state.zsjLayer.outlines, result.byZsj, state.metric) : null;
    this.setData(COORDINATOR_SOURCE.zsj, zsj ?? { type: 'FeatureCollection', features: [] });
    const statusOf = (id: string) => state.review.reviews[id]?.status ?? 'new';
    const localities = localityFeatures(result.localities, statusOf);
    this.setData(COORDINATOR_SOURCE.localities, localities);
    const shownReports = result.localities.filter((l) => l.shown).flatMap((l) => l.reportIds.map((id) => state.reports[id]).filter((r) => r !== undefined));
    this.setData(COORDINATOR_SOURCE.points, reportPointFeatures(shownReports));
    this.setData(COORDINATOR_SOURCE.shapes, reportShapeFeatures(shownReports));
    this.container.dataset.choroplethOrp = String(orp.features.filter((f) => f.properties.has).length);
    this.container.dataset.choroplethOrpWithout = String(orp.features.filter((f) => !f.properties.has).length);
    this.container.dataset.choroplethZsj = String(zsj?.features.filter((f) => f.properties.has).length ?? 0);
    this.container.dataset.choroplethZsjWithout = String(zsj?.features.filter((f) => !f.properties.has).length ?? 0);
    this.container.dataset.localities = String(localities.features.length);
    this.container.dataset.hexagons = String(result.byH3.length);
  }

  private showSelection(id: string | null): void {
    if (this.selectedLocality !== null && this.map.getSource(COORDINATOR_SOURCE.localities)) {
      this.map.setFeatureState({ source: COORDINATOR_SOURCE.localities, id: this.selectedLocality }, { selected: false });
    }
    this.selectedLocality = id;
    if (id !== null) this.map.setFeatureState({ source: COORDINATOR_SOURCE.localities, id }, { selected: true });
  }

  private setData(id: string, data: FeatureCollection): void {
    void this.map.getSource<GeoJSONSource>(id)?.setData(data);
  }

  private readonly onHover = (event: MapLayerMouseEvent): void => {
    const state = this.store.getState();
    if (!this.active(state)) return;
    const feature = event.features?.[0];
    if (!feature || typeof feature.properties.kod !== 'string') return;
    const source = feature.source;
    const id = feature.properties.kod;
    if (this.hovered?.id !== id || this.hovered.source !== source) {
      this.clearHover();
      this.hovered = { source, id };
      this.map.setFeatureState({ source, id }, { hover: true });
    }
    const language = state.language;
    const p = feature.properties;
    const kind: MessageKey =
      source === COORDINATOR_SOURCE.h3
        ? 'coordinator.tooltip.h3'
        : source === COORDINATOR_SOURCE.orp
          ? 'coordinator.tooltip.orp'
          : source === COORDINATOR_SOURCE.zsj
            ? 'zsjChoropleth.tooltip'
            : 'coordinator.tooltip.obec';
    const lines = [translate(language, kind, { nazev: String(p.nazev) })];
    if (p.has === true) {
      lines.push(
        translate(language, 'coordinator.tooltip.reports', { count: Number(p.reports), obce: Number(p.distinctObce), reporters: Number(p.distinctReporters) }),
        translate(language, 'coordinator.tooltip.more', { localities: Number(p.localities), inhabitants: Number(p.inhabitants) }),
      );
    } else {
      lines.push(translate(language, 'coordinator.tooltip.noReports'));
    }
    this.tooltip.setDOMContent(tooltipLines(lines));
    this.tooltip.setLngLat(event.lngLat).addTo(this.map);
  };

  private readonly onLeave = (): void => this.clearHover();

  private readonly pointer = (): void => {
    if (this.active(this.store.getState())) this.map.getCanvas().style.cursor = 'pointer';
  };

  private readonly noPointer = (): void => {
    this.map.getCanvas().style.cursor = '';
  };

  clearHover(): void {
    if (this.hovered && this.map.getSource(this.hovered.source)) this.map.setFeatureState(this.hovered, { hover: false });
    this.hovered = null;
    this.tooltip.remove();
  }
}
