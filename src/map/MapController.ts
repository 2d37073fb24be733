/**
 * The one owner of the MapLibre map. Created and destroyed by one React effect (src/ui/MapView.tsx);
 * it subscribes to the store and pushes only what changed into the map, and turns map events into
 * store actions. No React here, and no app state of its own beyond what the map needs to draw.
 */
import {
  AttributionControl,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  Popup,
  ScaleControl,
  setWorkerUrl,
  type FitBoundsOptions,
  type GeoJSONSource,
  type GeoJSONSourceSpecification,
  type MapLayerMouseEvent,
  type MapMouseEvent,
} from 'maplibre-gl';
import { MAP_WORKER_URL } from './mapWorker.ts';
import type { FeatureCollection } from 'geojson';
import type { Report, ReportGeometry } from '../core/reports/report.ts';
import type { EditorMode } from '../store/editorSlice.ts';
import { translate, type Language } from '../i18n/translate.ts';
import type { AppState, AppStore } from '../store/appStore.ts';
import { loadCountryKraje, loadedDisplayPack } from '../store/packRepository.ts';
import { afterFirstScreen, openFirstScreenGate } from '../store/firstScreen.ts';
import type { ViewRequest } from '../store/regionSlice.ts';
import { highlightedObecKod, markedPoint } from '../store/selectors.ts';
import { BASEMAP_LAYER_ID, BASEMAP_SOURCE_ID, BOUNDARY_ATTRIBUTION, basemapLayer, basemapSource, resolveBasemap, type RasterBasemap } from './basemaps.ts';
import { AddressOverlay } from './addressLayers.ts';
import { installTileProtocol, type TileResult } from './tileProtocol.ts';
import { loadAddressPoints } from '../store/packRepository.ts';
import {
  LAYER,
  SOURCE,
  basemapBeforeId,
  basemapDependentPaint,
  obecFilter,
  otherKrajeFilter,
  otherObceFilter,
  splitMapStyle,
  type SplitMapStyle,
} from './mapStyle.ts';
import type { DrawingController } from './drawing/DrawingController.ts';
import {
  CLICKABLE_REPORT_LAYERS,
  clusteredDisplay,
  REPORT_CLUSTER_SOURCE,
  REPORT_LAYER,
  REPORTS_SOURCE,
  reportFeatureCollection,
  reportLayerFilters,
  reportLayerZoomRanges,
  reportPointCollection,
  reportPointsDiff,
  reportsDiff,
} from './reportLayers.ts';
import { installClusterCountImages } from './clusterCountImages.ts';
import { CoordinatorOverlay } from './RegionOverviewOverlay.ts';
import { MeasurementOverlay } from './NettestOverlay.ts';
import { ZSJ_SOURCE } from './zsjLayers.ts';
import { ObecLabels } from './obecLabels.ts';
import { OrpLabels } from './orpLabels.ts';
import { installTestHook } from './testHook.ts';
import { ROUTE_SOURCE, routeFeatureCollection } from './routeLayers.ts';

setWorkerUrl(MAP_WORKER_URL);

/** Czechia, shown until the first pack has loaded. */
const CZECHIA_BOUNDS: [number, number, number, number] = [12.09, 48.55, 18.86, 51.06];

export interface MapControllerOptions {
  /** id of an element describing the map's keyboard use (aria-describedby of the canvas). */
  describedBy?: string;
  /** Keys pressed on the focused map go here first (the action registry); true when the key was used. */
  onKey?: (event: KeyboardEvent) => boolean;
}

/** With no base-map tile within this time the offline map takes over (the tiles' own timeout is 12 s). */
const BASEMAP_WATCHDOG_MS = 15_000;

/** Pixels of tolerance around a click or tap when hitting a report. */
const HIT_TOLERANCE = 8;

export class MapController {
  private readonly map: MapLibreMap;
  private readonly orpLabels: OrpLabels;
  private readonly obecLabels: ObecLabels;
  private readonly tooltip: Popup;
  private readonly pointMarker: Marker;
  private readonly coordinator: CoordinatorOverlay;
  private readonly measurementOverlay: MeasurementOverlay;
  private readonly unsubscribe: () => void;
  private readonly removeTestHook: () => void;
  private readonly removeClusterCountImages: () => void;
  private readonly removeTileProtocol: () => void;
  private readonly addresses: AddressOverlay;
  /** The web base map drawn now (null: none, or it failed and the offline map shows), and how its tiles fare. */
  private shownBasemap: RasterBasemap | null = null;
  private tileOk = 0;
  private tileFailedInRow = 0;
  private basemapWatchdog: ReturnType<typeof setTimeout> | null = null;
  private styleReady = false;
  /** What the first style leaves out (mapStyle.ts, splitMapStyle); null once added, on the first idle with the kraj drawn. */
  private later: SplitMapStyle['later'] | null;
  /** Data given to a source that is added later (see `later`). */
  private readonly pendingData = new Map<string, FeatureCollection>();
  private laterScheduled = false;
  /** The pack whose boundaries the first style holds (showPack does not push them again). */
  private packInStyle: string | null = null;
  private hoveredKod: string | null = null;
  /**
   * The obec highlighted and "Moje obec" as the map's filters have them (the first style: none). Compared with these,
   * not with the previous state: a filter set again to what it was still costs MapLibre a frame, and on a weak phone
   * with WebGL in software the first map would wait for it.
   */
  private shownHighlight: string | null = null;
  private shownMyObec: string | null = null;
  private appliedViewSeq = 0;
  private shownPackId: string | null = null;
  private drawing: DrawingController | null = null;
  /** terra-draw is loaded on demand (see ensureDrawing); null until asked for, and again after a failed load. */
  private drawingLoad: Promise<void> | null = null;
  private destroyed = false;
  /** The reports the map's source holds now (compared by identity to push only what changed). */
  private shownReports: Record<string, Report> | null = null;
  /** Many reports: they are clustered below DETAIL_ZOOM, and the clustered source holds them as points. */
  private clustered = false;
  private selectedReportId: string | null = null;
  /** The report filters last applied (edited report, selected report drawn above the clusters). */
  private appliedFilters = '';
  private browsingAtPointerDown = true;

  constructor(
    private readonly container: HTMLElement,
    private readonly store: AppStore,
    private readonly options: MapControllerOptions = {},
  ) {
    const state = store.getState();
    const { first, later } = splitMapStyle();
    this.later = later;
    // The kraj's boundaries when they are here already (index.html preloads them): in the style itself, so that the
    // first tiles are cut from them, not from empty sources that are then cut again (twice the frames).
    const pack = state.pack.status === 'ready' ? loadedDisplayPack(state.pack.id) : null;
    if (pack && state.pack.status === 'ready') {
      this.packInStyle = state.pack.id;
      for (const [id, data] of [
        [SOURCE.obce, pack.obce],
        [SOURCE.orp, pack.orp],
        [SOURCE.kraj, pack.kraje],
      ] as const)
        first.sources[id] = { ...(first.sources[id] as GeoJSONSourceSpecification), data };
    }
    // The kraj's view when the store already asks for it: the first tiles are those of the kraj, not of Czechia.
    const view = state.view;
    if (view) this.appliedViewSeq = view.seq;
    this.map = new MapLibreMap({
      container,
      style: first,
      bounds: view?.bbox ?? CZECHIA_BOUNDS,
      fitBoundsOptions: view ? { padding: viewPadding(container), maxZoom: view.maxZoom } : { padding: 20 },
      attributionControl: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      maxZoom: 18,
      minZoom: 5,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.disableRotation();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    this.map.addControl(new AttributionControl({ compact: false, customAttribution: BOUNDARY_ATTRIBUTION }), 'bottom-right');

    const canvas = this.map.getCanvas();
    if (options.describedBy) canvas.setAttribute('aria-describedby', options.describedBy);
    canvas.addEventListener('keydown', this.onKeyDown);

    this.orpLabels = new OrpLabels(this.map);
    this.obecLabels = new ObecLabels(this.map, container);
    this.addresses = new AddressOverlay(this.map, container, loadAddressPoints);
    this.removeTileProtocol = installTileProtocol(this.onTileResult);
    // The tooltip sits beside the pointer, so it never hides the place being clicked.
    this.tooltip = new Popup({ closeButton: false, closeOnClick: false, className: 'obec-tooltip', anchor: 'left', offset: 18 });
    this.pointMarker = new Marker({ element: createPinElement(), anchor: 'bottom' });
    this.coordinator = new CoordinatorOverlay(this.map, container, store, this.tooltip);
    this.measurementOverlay = new MeasurementOverlay(this.map, container, store, this.tooltip);

    this.map.on('load', () => {
      this.styleReady = true;
      this.sync(this.store.getState(), null);
    });
    // A click that began while a tool was on belongs to terra-draw, even if the tool is off when it ends.
    this.map.on('mousedown', () => (this.browsingAtPointerDown = this.store.getState().editor.mode.kind === 'browse'));
    this.map.on('touchstart', () => (this.browsingAtPointerDown = this.store.getState().editor.mode.kind === 'browse'));
    this.map.on('click', this.onClick);
    for (const layer of [...CLICKABLE_REPORT_LAYERS, REPORT_LAYER.clusters]) {
      this.map.on('mouseenter', layer, this.onReportEnter);
      this.map.on('mouseleave', layer, this.onReportLeave);
    }
    this.map.on('mousemove', LAYER.obceFill, this.onHover);
    this.map.on('mouseleave', LAYER.obceFill, this.onLeave);
    this.map.on('error', (event) => {
      // Base-map tiles fail offline; that is expected and must not flood the console.
      const sourceId = (event as { sourceId?: string }).sourceId;
      if (sourceId !== BASEMAP_SOURCE_ID) console.warn('map:', event.error?.message ?? event);
    });
    this.map.on('movestart', () => this.setIdle(false));
    this.map.on('dataloading', () => this.setIdle(false));
    this.map.on('idle', () => {
      this.setIdle(true);
      // The first map is up: now what it did not need may load (the drawing tools, the context, the lookup…).
      if (this.shownPackId) {
        openFirstScreenGate();
        this.scheduleLater();
        this.ensureDrawing();
      }
    });

    this.applyLanguage(state);
    // Without a first map (the kraj's boundaries could not be loaded) the rest comes when the gate opens by itself.
    afterFirstScreen(() => this.scheduleLater());
    afterFirstScreen(() =>
      loadCountryKraje().then(
        (kraje) => this.setSourceData(SOURCE.contextKraje, kraje),
        () => undefined, // without the country pack the map simply has no context around the kraj
      ),
    );
    this.unsubscribe = store.subscribe((next, previous) => this.sync(next, previous));
    this.removeTestHook = installTestHook(this.map);
    this.removeClusterCountImages = installClusterCountImages(this.map);
  }

  destroy(): void {
    this.destroyed = true;
    this.unsubscribe();
    this.removeTestHook();
    this.removeClusterCountImages();
    this.removeTileProtocol();
    if (this.basemapWatchdog) clearTimeout(this.basemapWatchdog);
    this.addresses.destroy();
    this.drawing?.destroy();
    this.map.getCanvas().removeEventListener('keydown', this.onKeyDown);
    this.orpLabels.clear();
    this.obecLabels.destroy();
    this.tooltip.remove();
    this.pointMarker.remove();
    this.map.remove();
  }

  /** Pushes what changed between `previous` and `state` into the map; `previous` null pushes everything. */
  private sync(state: AppState, previous: AppState | null): void {
    if (state.language !== previous?.language || state.pack !== previous?.pack) this.applyLanguage(state);
    if (!this.styleReady) return;
    // The view first: data pushed before a jump would be cut into tiles for the old view too.
    if (state.view && state.view.seq !== this.appliedViewSeq) this.applyView(state.view);
    if (state.pack !== previous?.pack) this.showPack(state);
    const highlighted = highlightedObecKod(state);
    if (highlighted !== this.shownHighlight) this.showHighlight(highlighted);
    const point = markedPoint(state);
    if (previous === null || point !== markedPoint(previous)) this.showPoint(point);
    if (state.myObecKod !== this.shownMyObec) this.showMyObec(state.myObecKod);
    if (this.later) return; // the rest once its layers are there (addLater)
    this.syncLater(state, previous);
  }

  /** The part of `sync` for the layers added after the first idle (see `later`). */
  private syncLater(state: AppState, previous: AppState | null): void {
    // The web base map too: its tiles are the heaviest thing the map asks for, and the kraj's boundaries are a
    // usable map without them (the offline map); it comes in under them once they are drawn.
    if (
      previous === null ||
      state.basemap !== previous.basemap ||
      state.basemapConfig !== previous.basemapConfig ||
      state.basemapAttempt !== previous.basemapAttempt
    ) {
      this.showBasemap(state);
    } else if (state.basemapStatus === 'failed' && previous.basemapStatus !== 'failed') {
      this.removeBasemap();
    }
    this.container.dataset.basemapStatus = state.basemapStatus;
    // The network came back: try the base map again.
    if (previous && state.online && !previous.online && state.basemapStatus === 'failed') queueMicrotask(() => this.store.getState().retryBasemap());
    if (previous === null || state.reports !== previous.reports) this.showReports(state.reports);
    if (previous === null || state.route !== previous.route) this.setSourceData(ROUTE_SOURCE, routeFeatureCollection(state.route));
    if (previous === null || state.editor !== previous.editor || state.reports !== previous.reports) this.showEditor(state);
    if (previous === null || state.zsjLayer !== previous.zsjLayer) {
      this.setSourceData(ZSJ_SOURCE, state.zsjLayer?.outlines ?? { type: 'FeatureCollection', features: [] });
      this.container.dataset.zsjCount = String(state.zsjLayer?.count ?? 0);
    }
    this.coordinator.sync(state, previous);
    this.measurementOverlay.sync(state, previous);
  }

  /**
   * The rest of the layers once the first map has been on screen for a frame: added in the idle event's own task,
   * they would start MapLibre's work again before the drawn map is ever presented as idle.
   */
  private scheduleLater(): void {
    if (!this.later || this.laterScheduled || this.destroyed) return;
    this.laterScheduled = true;
    const add = () =>
      requestAnimationFrame(() =>
        setTimeout(() => {
          this.addLater();
          this.ensureDrawing();
        }, 0),
      );
    if (this.styleReady) add();
    else this.map.once('load', add);
  }

  /**
   * Adds what the first style left out (the other kraje, the reports, the route, the hover tint, the NetTest layers)
   * once the kraj is drawn and the map idle, and pushes the store's state into it.
   */
  private addLater(): void {
    const later = this.later;
    if (!later || this.destroyed) return;
    this.later = null;
    for (const [id, source] of Object.entries(later.sources)) this.map.addSource(id, source);
    for (const { layer, beforeId } of later.layers) this.map.addLayer(layer, beforeId);
    if (this.shownPackId) this.map.setFilter(LAYER.contextKrajeFill, otherKrajeFilter(this.shownPackId));
    this.applyBasemapPaint(this.shownBasemap !== null, this.shownBasemap?.id ?? 'none');
    for (const [id, data] of this.pendingData) this.setSourceData(id, data);
    this.pendingData.clear();
    // The region overview's hatch image too: an image added changes the style, a frame more before the first idle.
    this.coordinator.install();
    this.measurementOverlay.install();
    this.syncLater(this.store.getState(), null);
  }

  /**
   * Brings a box into view without losing the context: nothing when it is visible already, a pan when the zoom
   * is close enough, else a fit.
   */
  reveal(bbox: [number, number, number, number]): void {
    const [west, south, east, north] = bbox;
    const bounds = this.map.getBounds();
    if (bounds.contains([west, south]) && bounds.contains([east, north])) return;
    const duration = prefersReducedMotion() ? 0 : 500;
    const fits = east - west < bounds.getEast() - bounds.getWest() && north - south < bounds.getNorth() - bounds.getSouth();
    if (fits && this.map.getZoom() >= 11) this.map.easeTo({ center: [(west + east) / 2, (south + north) / 2], duration });
    else this.map.fitBounds(bbox, { padding: 48, maxZoom: 14, duration });
  }

  /** The centre of the map: where the keyboard crosshair points. */
  centre(): { lon: number; lat: number } {
    const { lng, lat } = this.map.getCenter();
    return { lon: lng, lat };
  }

  private showMyObec(kod: string | null): void {
    this.shownMyObec = kod;
    this.map.setFilter(LAYER.otherObceFade, otherObceFilter(kod));
    this.map.setFilter(LAYER.myObecLine, obecFilter(kod));
  }

  /** Zooms into the report cluster under the centre cross (Enter on the map); false when there is none there. */
  zoomIntoClusterAtCentre(): boolean {
    const { x, y } = this.map.project(this.map.getCenter());
    return this.zoomIntoCluster(x, y, HIT_TOLERANCE);
  }

  /** Zooms into the report cluster drawn around (x, y), if any: to where it splits up. */
  private zoomIntoCluster(x: number, y: number, tolerance: number): boolean {
    if (!this.clustered || !this.map.getLayer(REPORT_LAYER.clusters)) return false;
    const box: [[number, number], [number, number]] = [
      [x - tolerance, y - tolerance],
      [x + tolerance, y + tolerance],
    ];
    const cluster = this.map.queryRenderedFeatures(box, { layers: [REPORT_LAYER.clusters] })[0];
    const clusterId = cluster?.properties.cluster_id;
    if (!cluster || typeof clusterId !== 'number' || cluster.geometry.type !== 'Point') return false;
    const centre = cluster.geometry.coordinates as [number, number];
    const duration = prefersReducedMotion() ? 0 : 500;
    void this.map
      .getSource<GeoJSONSource>(REPORT_CLUSTER_SOURCE)
      ?.getClusterExpansionZoom(clusterId)
      .then((zoom) => this.map.easeTo({ center: centre, zoom: Math.max(zoom, this.map.getZoom() + 1), duration }));
    return true;
  }

  /**
   * Pushes the reports into the map's sources: everything the first time, then only what changed. From
   * MANY_REPORTS on, the clustered source holds them as points too, and the layers' zoom ranges switch.
   */
  private showReports(reports: Record<string, Report>): void {
    const source = this.map.getSource<GeoJSONSource>(REPORTS_SOURCE);
    const points = this.map.getSource<GeoJSONSource>(REPORT_CLUSTER_SOURCE);
    if (!source || !points) return;
    const count = Object.keys(reports).length;
    const clustered = clusteredDisplay(count);
    if (this.shownReports === null) {
      void source.setData(reportFeatureCollection(Object.values(reports)));
    } else {
      const diff = reportsDiff(this.shownReports, reports);
      if (diff.add.length + diff.update.length + diff.remove.length > 0) void source.updateData(diff);
    }
    if (clustered !== this.clustered) {
      // Switching on or off: the points all at once (or none), and the layers' zoom ranges.
      void points.setData(clustered ? reportPointCollection(Object.values(reports)) : { type: 'FeatureCollection', features: [] });
      for (const { layer, minzoom, maxzoom } of reportLayerZoomRanges(clustered)) this.map.setLayerZoomRange(layer, minzoom, maxzoom);
      this.clustered = clustered;
    } else if (clustered && this.shownReports !== null) {
      const diff = reportPointsDiff(this.shownReports, reports);
      if (diff.add.length + diff.update.length + diff.remove.length > 0) void points.updateData(diff);
    }
    this.shownReports = reports;
    this.container.dataset.reportCount = String(count);
    this.container.dataset.reportsClustered = String(clustered);
    // A selected report that is gone (deleted, undone) must not stay highlighted.
    if (this.selectedReportId && !reports[this.selectedReportId]) this.selectedReportId = null;
  }

  private showEditor(state: AppState): void {
    const { editor, reports } = state;
    const selected = editor.selectedReportId && reports[editor.selectedReportId] ? editor.selectedReportId : null;
    if (selected !== this.selectedReportId) {
      if (this.selectedReportId) this.map.setFeatureState({ source: REPORTS_SOURCE, id: this.selectedReportId }, { selected: false });
      if (selected) this.map.setFeatureState({ source: REPORTS_SOURCE, id: selected }, { selected: true });
      this.selectedReportId = selected;
    }
    const mode: EditorMode = editor.mode.kind === 'editShape' && !reports[editor.mode.reportId] ? { kind: 'browse' } : editor.mode;
    const hiddenId = mode.kind === 'editShape' ? mode.reportId : null;
    const drawnSelected = this.clustered ? selected : null;
    const filters = `${hiddenId ?? ''}|${drawnSelected ?? ''}`;
    if (filters !== this.appliedFilters) {
      for (const { layer, filter } of reportLayerFilters(hiddenId, drawnSelected)) this.map.setFilter(layer, filter);
      this.appliedFilters = filters;
    }
    this.container.dataset.editing = hiddenId ?? '';
    this.container.dataset.drawMode = mode.kind === 'draw' ? mode.tool : mode.kind;
    if (mode.kind !== 'browse') this.ensureDrawing();
    this.drawing?.setMode(mode, (id): ReportGeometry | null => reports[id]?.geometry ?? null);
    if (mode.kind !== 'browse') this.clearHover();
  }

  /** Loads terra-draw (its own chunk) once; a failed load (weak signal) is tried again at the next need. */
  private ensureDrawing(): void {
    // After the later layers: terra-draw's own layers go on top of the reports'.
    if (this.drawingLoad || !this.styleReady || this.later || this.destroyed) return;
    this.drawingLoad = import('./drawing/mapDrawing.ts').then(
      ({ createMapDrawing }) => {
        if (this.destroyed) return;
        this.drawing = createMapDrawing(this.map, {
          onDrawn: (geometry) => void this.store.getState().placeReport(geometry),
          onReshaped: (id, geometry) => this.store.getState().reshapeReport(id, geometry),
          onCannotEdit: () => this.store.getState().finishEditShape(),
        });
        this.showEditor(this.store.getState());
      },
      (error: unknown) => {
        console.warn('map: the drawing tools could not be loaded', error);
        this.drawingLoad = null;
      },
    );
  }

  private showPack(state: AppState): void {
    const { pack } = state;
    if (pack.status !== 'ready' || pack.id === this.shownPackId) return;
    const data = loadedDisplayPack(pack.id);
    if (!data) return;
    this.shownPackId = pack.id;
    this.container.dataset.shownPack = pack.id;
    this.clearHover();
    if (this.packInStyle !== pack.id) {
      this.setSourceData(SOURCE.obce, data.obce);
      this.setSourceData(SOURCE.orp, data.orp);
      this.setSourceData(SOURCE.kraj, data.kraje);
    }
    this.packInStyle = null;
    if (this.map.getLayer(LAYER.contextKrajeFill)) this.map.setFilter(LAYER.contextKrajeFill, otherKrajeFilter(pack.id));
    this.orpLabels.show(data.orp);
    this.obecLabels.show(data.obce);
    this.addresses.setPack(pack.id, new Map(data.obce.features.map((feature) => [feature.properties.kod, feature.properties.nazev])));
  }

  /** Puts the chosen web base map under the boundaries (or none), and starts watching whether its tiles load. */
  private showBasemap(state: AppState): void {
    this.removeBasemap();
    const basemap = resolveBasemap(state.basemap, state.basemapConfig);
    this.tileOk = 0;
    this.tileFailedInRow = 0;
    if (basemap) {
      this.shownBasemap = basemap;
      this.map.addSource(BASEMAP_SOURCE_ID, basemapSource(basemap));
      this.map.addLayer(
        basemapLayer(),
        basemapBeforeId((id) => this.map.getLayer(id) !== undefined),
      );
      // The boundaries keep the offline map's look (opaque fills, address points) until the first tile has come,
      // so that a slow or failing tile server never leaves an empty map.
      this.store.getState().setBasemapStatus('loading');
      // A weak signal stalls rather than fails: no tile within this time and the offline map takes over.
      this.basemapWatchdog = setTimeout(() => {
        if (this.shownBasemap === basemap && this.tileOk === 0 && this.map.getZoom() >= basemap.minzoom) this.store.getState().setBasemapStatus('failed');
      }, BASEMAP_WATCHDOG_MS);
    } else {
      this.store.getState().setBasemapStatus('off');
    }
  }

  /** Removes the web base map: the offline map (boundaries, address points, část names) shows alone. */
  private removeBasemap(): void {
    if (this.basemapWatchdog) clearTimeout(this.basemapWatchdog);
    this.basemapWatchdog = null;
    this.shownBasemap = null;
    if (this.map.getLayer(BASEMAP_LAYER_ID)) this.map.removeLayer(BASEMAP_LAYER_ID);
    if (this.map.getSource(BASEMAP_SOURCE_ID)) this.map.removeSource(BASEMAP_SOURCE_ID);
    this.applyBasemapPaint(false, 'none');
  }

  private applyBasemapPaint(hasBasemap: boolean, id: string): void {
    for (const { layer, property, value } of basemapDependentPaint(hasBasemap)) {
      if (this.map.getLayer(layer)) this.map.setPaintProperty(layer, property, value);
    }
    this.addresses.setVisible(!hasBasemap);
    this.container.dataset.basemap = id;
  }

  /**
   * Every tile the protocol loaded or failed: the first one that arrives means the base map works; three failures
   * before any success, or eight in a row later (the network went away), mean it does not.
   */
  private readonly onTileResult = (result: TileResult): void => {
    const basemap = this.shownBasemap;
    if (!basemap || !basemap.tiles.some((template) => result.url.startsWith(template.slice(0, template.indexOf('{'))))) return;
    const setStatus = this.store.getState().setBasemapStatus;
    if (result.ok) {
      if (this.tileOk === 0) this.applyBasemapPaint(true, basemap.id);
      this.tileOk++;
      this.tileFailedInRow = 0;
      setStatus('ok');
      return;
    }
    if (result.aborted) return;
    this.container.dataset.basemapLastError = result.reason;
    this.tileFailedInRow++;
    if ((this.tileOk === 0 && this.tileFailedInRow >= 3) || this.tileFailedInRow >= 8) setStatus('failed');
  };

  private showHighlight(kod: string | null): void {
    this.shownHighlight = kod;
    this.map.setFilter(LAYER.obceSelectedFill, obecFilter(kod));
    this.map.setFilter(LAYER.obceSelectedLine, obecFilter(kod));
  }

  private showPoint(point: { lon: number; lat: number } | null): void {
    if (point) this.pointMarker.setLngLat([point.lon, point.lat]).addTo(this.map);
    else this.pointMarker.remove();
  }

  private applyView(view: ViewRequest): void {
    // The first view (the kraj, at start) jumps: an animation would only delay the first usable map.
    const first = this.appliedViewSeq === 0;
    this.appliedViewSeq = view.seq;
    const options: FitBoundsOptions = { padding: viewPadding(this.container), maxZoom: view.maxZoom, duration: first || prefersReducedMotion() ? 0 : 700 };
    this.map.fitBounds(view.bbox, options);
  }

  private applyLanguage(state: AppState): void {
    const language: Language = state.language;
    const kraj = state.pack.status === 'ready' ? state.pack.nazev : state.krajId;
    this.map.getCanvas().setAttribute('aria-label', translate(language, 'map.canvasLabel', { kraj }));
    const titles: Array<[string, Parameters<typeof translate>[1]]> = [
      ['.maplibregl-ctrl-zoom-in', 'map.zoomIn'],
      ['.maplibregl-ctrl-zoom-out', 'map.zoomOut'],
    ];
    for (const [selector, key] of titles) {
      const button = this.container.querySelector<HTMLElement>(selector);
      if (!button) continue;
      const text = translate(language, key);
      button.title = text;
      button.setAttribute('aria-label', text);
    }
  }

  private setSourceData(id: string, data: FeatureCollection): void {
    const source = this.map.getSource<GeoJSONSource>(id);
    if (source) void source.setData(data);
    else if (this.later?.sources[id]) this.pendingData.set(id, data);
    else this.map.once('load', () => this.setSourceData(id, data));
  }

  private setIdle(idle: boolean): void {
    this.container.dataset.mapIdle = String(idle);
  }

  private readonly onHover = (event: MapLayerMouseEvent): void => {
    // While drawing or editing the tooltip would only be in the way; the coordinator's view has its own.
    if (this.store.getState().appView === 'coordinator') return;
    if (this.store.getState().editor.mode.kind !== 'browse') return this.clearHover();
    const feature = event.features?.[0];
    const kod = typeof feature?.properties.kod === 'string' ? feature.properties.kod : null;
    if (!feature || kod === null) return;
    if (kod !== this.hoveredKod) {
      this.clearHover();
      this.hoveredKod = kod;
      this.map.setFeatureState({ source: SOURCE.obce, id: kod }, { hover: true });
      this.tooltip.setDOMContent(tooltipContent(String(feature.properties.nazev), String(feature.properties.orpNazev)));
    }
    this.tooltip.setLngLat(event.lngLat).addTo(this.map);
  };

  private readonly onLeave = (): void => this.clearHover();

  private clearHover(): void {
    if (this.hoveredKod !== null && this.map.getSource(SOURCE.obce)) {
      this.map.setFeatureState({ source: SOURCE.obce, id: this.hoveredKod }, { hover: false });
    }
    this.hoveredKod = null;
    this.tooltip.remove();
  }

  /**
   * Keys on the focused map go to the action registry (Enter: describe the place under the centre cross,
   * or place a point there with the point tool; 1/2/3: tools; Esc: cancel). Without a registry, Enter
   * describes the place.
   */
  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (this.options.onKey) {
      if (this.options.onKey(event)) event.preventDefault();
      return;
    }
    if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    const { lon, lat } = this.centre();
    void this.store.getState().selectPoint(lon, lat);
  };

  /** A click selects the report under it, or describes the place; while drawing, terra-draw has the clicks. */
  private readonly onClick = (event: MapMouseEvent): void => {
    const state = this.store.getState();
    if (this.coordinator.active(state)) {
      this.coordinator.click(event);
      return;
    }
    if (state.editor.mode.kind !== 'browse' || !this.browsingAtPointerDown) return;
    const { x, y } = event.point;
    // A cluster of many reports opens up (zooms in) rather than describing the place under it.
    if (this.zoomIntoCluster(x, y, 2)) return;
    const hits = this.map.queryRenderedFeatures(
      [
        [x - HIT_TOLERANCE, y - HIT_TOLERANCE],
        [x + HIT_TOLERANCE, y + HIT_TOLERANCE],
      ],
      { layers: CLICKABLE_REPORT_LAYERS.filter((layer) => this.map.getLayer(layer)) },
    );
    // Points and lines before the areas they may lie in.
    const hit = hits.find((f) => f.properties.kind !== 'polygon') ?? hits[0];
    const id = typeof hit?.properties.id === 'string' ? hit.properties.id : null;
    if (id) {
      state.clearSelection();
      state.selectReport(id);
      return;
    }
    state.selectReport(null);
    void state.selectPoint(event.lngLat.lng, event.lngLat.lat);
  };

  private readonly onReportEnter = (): void => {
    if (this.store.getState().editor.mode.kind === 'browse') this.map.getCanvas().style.cursor = 'pointer';
  };

  private readonly onReportLeave = (): void => {
    this.map.getCanvas().style.cursor = '';
  };
}

function prefersReducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function tooltipContent(nazev: string, orpNazev: string): HTMLElement {
  const wrapper = document.createElement('div');
  const name = document.createElement('strong');
  name.textContent = nazev;
  const orp = document.createElement('span');
  orp.className = 'obec-tooltip-orp';
  orp.textContent = `ORP ${orpNazev}`;
  wrapper.append(name, orp);
  return wrapper;
}

function createPinElement(): HTMLElement {
  const element = document.createElement('div');
  element.className = 'place-pin';
  element.innerHTML =
    '<svg width="28" height="38" viewBox="0 0 28 38" aria-hidden="true" focusable="false">' +
    '<path d="M14 1C7 1 1.5 6.4 1.5 13.3 1.5 22.5 14 37 14 37s12.5-14.5 12.5-23.7C26.5 6.4 21 1 14 1z" ' +
    'fill="#c2410c" stroke="#ffffff" stroke-width="2"/><circle cx="14" cy="13.5" r="4.5" fill="#ffffff"/></svg>';
  return element;
}

/** The padding around a requested view: 8 % of the map's shorter side, 8 to 48 px. */
function viewPadding(container: HTMLElement): number {
  return Math.max(8, Math.min(48, Math.round(Math.min(container.clientWidth, container.clientHeight) * 0.08)));
}
