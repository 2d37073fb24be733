/**
 * Drawing and editing report geometries with terra-draw (core, MapLibre adapter and modes kept apart).
 *
 * terra-draw holds only what is being drawn or edited right now; the reports themselves are drawn by the
 * report layers from the store. A finished drawing leaves terra-draw at once and goes to the store
 * (`onDrawn`); editing a report puts a copy of its geometry into terra-draw's select mode and every finished
 * drag or vertex change goes back to the store (`onReshaped`), which may refuse it (a self-intersecting
 * polygon): then the copy snaps back to the stored geometry.
 *
 * Handles are large (touch-friendly): 9–10 px points, 40 px pointer tolerance.
 *
 * The map adapter is a parameter (MapController passes terra-draw's MapLibre adapter), so that the behaviour can be
 * tested with a render-less adapter (tests/map/drawingController.test.ts), as terra-draw tests its own modes.
 */
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawPointMode,
  TerraDrawPolygonMode,
  TerraDrawSelectMode,
  type GeoJSONStoreFeatures,
  type HexColor,
} from 'terra-draw';
import type { ReportGeometry } from '../../core/reports/report.ts';

/** What terra-draw needs from a map (the constructor's `adapter` option). */
export type TerraDrawAdapter = ConstructorParameters<typeof TerraDraw>[0]['adapter'];
import type { DrawTool, EditorMode } from '../../store/editorSlice.ts';
import { kindOf, REPORT_COLORS } from '../reportLayers.ts';

export interface DrawingCallbacks {
  /** A new geometry was drawn with a tool. */
  onDrawn(geometry: ReportGeometry): void;
  /** The edited report was moved or reshaped; resolves false when the store refused the geometry. */
  onReshaped(reportId: string, geometry: ReportGeometry): Promise<boolean>;
  /** terra-draw cannot edit this geometry (e.g. a polygon with holes from a file): editing ends. */
  onCannotEdit?(reportId: string): void;
}

const DRAW: HexColor = '#b42318';
const EDIT: HexColor = REPORT_COLORS.selected;
const WHITE: HexColor = '#ffffff';
/** Pointer tolerance in pixels: a finger is not a mouse. */
const POINTER_DISTANCE = 40;
const STATIC = 'static';
const SELECT = 'select';

const EDIT_ACTIONS = new Set(['edit', 'dragFeature', 'dragCoordinate', 'insertMidpoint', 'deleteCoordinate', 'dragCoordinateResize']);

/**
 * terra-draw refuses coordinates finer than its adapter's precision; reports from files or the demo generator
 * can have more decimals (7 decimals are ~1 cm, so rounding changes nothing a person could see).
 */
export function roundGeometry<G extends ReportGeometry>(geometry: G, decimals: number): G {
  const factor = 10 ** decimals;
  const round = (position: number[]) => position.map((value) => Math.round(value * factor) / factor);
  if (geometry.type === 'Point') return { ...geometry, coordinates: round(geometry.coordinates) };
  if (geometry.type === 'LineString') return { ...geometry, coordinates: geometry.coordinates.map(round) };
  return { ...geometry, coordinates: geometry.coordinates.map((ring) => ring.map(round)) };
}

function isReportGeometry(geometry: GeoJSONStoreFeatures['geometry']): geometry is ReportGeometry {
  return geometry.type === 'Point' || geometry.type === 'LineString' || geometry.type === 'Polygon';
}

export class DrawingController {
  private readonly draw: TerraDraw;
  private readonly precision: number;
  private mode: EditorMode = { kind: 'browse' };
  private editedGeometry: ReportGeometry | null = null;

  constructor(
    adapter: TerraDrawAdapter,
    private readonly callbacks: DrawingCallbacks,
  ) {
    const editableFlags = {
      feature: {
        draggable: true,
        coordinates: { draggable: true, midpoints: true, deletable: true },
      },
    };
    this.draw = new TerraDraw({
      adapter,
      modes: [
        new TerraDrawPointMode({
          styles: { pointColor: DRAW, pointWidth: 9, pointOutlineColor: WHITE, pointOutlineWidth: 3 },
        }),
        new TerraDrawLineStringMode({
          pointerDistance: POINTER_DISTANCE,
          styles: {
            lineStringColor: DRAW,
            lineStringWidth: 4,
            closingPointColor: WHITE,
            closingPointWidth: 9,
            closingPointOutlineColor: DRAW,
            closingPointOutlineWidth: 3,
          },
        }),
        new TerraDrawPolygonMode({
          pointerDistance: POINTER_DISTANCE,
          styles: {
            fillColor: DRAW,
            fillOpacity: 0.2,
            outlineColor: DRAW,
            outlineWidth: 3,
            closingPointColor: WHITE,
            closingPointWidth: 9,
            closingPointOutlineColor: DRAW,
            closingPointOutlineWidth: 3,
          },
        }),
        new TerraDrawSelectMode({
          pointerDistance: POINTER_DISTANCE,
          // Only the report being edited is in terra-draw; it stays selected until the person is done.
          allowManualDeselection: false,
          keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
          flags: { point: editableFlags, linestring: editableFlags, polygon: editableFlags },
          styles: {
            selectedPointColor: EDIT,
            selectedPointWidth: 10,
            selectedPointOutlineColor: WHITE,
            selectedPointOutlineWidth: 3,
            selectedLineStringColor: EDIT,
            selectedLineStringWidth: 5,
            selectedPolygonColor: EDIT,
            selectedPolygonFillOpacity: 0.25,
            selectedPolygonOutlineColor: EDIT,
            selectedPolygonOutlineWidth: 3,
            selectionPointColor: WHITE,
            selectionPointWidth: 9,
            selectionPointOutlineColor: EDIT,
            selectionPointOutlineWidth: 3,
            midPointColor: EDIT,
            midPointWidth: 6,
            midPointOutlineColor: WHITE,
            midPointOutlineWidth: 2,
          },
        }),
      ],
    });
    this.precision = adapter.getCoordinatePrecision();
    this.draw.start();
    this.draw.setMode(STATIC);
    this.draw.on('finish', this.onFinish);
  }

  destroy(): void {
    this.draw.off('finish', this.onFinish);
    this.draw.stop();
  }

  /** Follows the editor's mode; `geometryOf` gives the stored geometry of the report to edit. */
  setMode(mode: EditorMode, geometryOf: (id: string) => ReportGeometry | null): void {
    const before = this.mode;
    const same =
      before.kind === mode.kind &&
      (mode.kind !== 'draw' || (before.kind === 'draw' && before.tool === mode.tool)) &&
      (mode.kind !== 'editShape' || (before.kind === 'editShape' && before.reportId === mode.reportId));
    if (same) {
      if (mode.kind === 'editShape') this.followStoredGeometry(mode.reportId, geometryOf(mode.reportId));
      return;
    }
    this.mode = mode;
    this.draw.clear();
    this.editedGeometry = null;
    if (mode.kind === 'draw') this.draw.setMode(mode.tool satisfies DrawTool);
    else if (mode.kind === 'editShape') this.startEditing(mode.reportId, geometryOf(mode.reportId));
    else this.draw.setMode(STATIC);
  }

  /** What terra-draw is doing (for tests and the map's data attributes). */
  get modeName(): string {
    return this.draw.getMode();
  }

  private startEditing(reportId: string, geometry: ReportGeometry | null): void {
    this.draw.setMode(SELECT);
    if (!geometry) return;
    this.editedGeometry = geometry;
    const problems = this.draw.addFeatures([
      { type: 'Feature', id: reportId, geometry: roundGeometry(geometry, this.precision), properties: { mode: kindOf(geometry) } },
    ]);
    if (problems.some((problem) => !problem.valid)) {
      console.warn('drawing: the report geometry cannot be edited', problems);
      queueMicrotask(() => this.callbacks.onCannotEdit?.(reportId));
      return;
    }
    this.draw.selectFeature(reportId);
  }

  /** Undo or another tab changed the report being edited: show the stored geometry. */
  private followStoredGeometry(reportId: string, geometry: ReportGeometry | null): void {
    if (!geometry || geometry === this.editedGeometry) return;
    this.editedGeometry = geometry;
    const shown = this.draw.getSnapshotFeature(reportId);
    const rounded = roundGeometry(geometry, this.precision);
    if (!shown || JSON.stringify(shown.geometry.coordinates) === JSON.stringify(rounded.coordinates)) return;
    this.draw.updateFeatureGeometry(reportId, rounded);
  }

  private readonly onFinish = (id: string | number, context: { mode: string; action: string }): void => {
    const feature = this.draw.getSnapshotFeature(id);
    if (!feature || !isReportGeometry(feature.geometry)) return;
    const geometry: ReportGeometry = feature.geometry;
    if (context.action === 'draw' && this.mode.kind === 'draw') {
      // The new report is drawn by the report layers once the store has it; terra-draw lets go of it now.
      queueMicrotask(() => {
        if (this.draw.enabled && this.draw.hasFeature(id)) this.draw.removeFeatures([id]);
      });
      this.callbacks.onDrawn(geometry);
      return;
    }
    if (this.mode.kind === 'editShape' && EDIT_ACTIONS.has(context.action)) {
      const reportId = this.mode.reportId;
      void this.callbacks.onReshaped(reportId, geometry).then((accepted) => {
        if (accepted || !this.editedGeometry || !this.draw.enabled || !this.draw.hasFeature(reportId)) return;
        // Refused (the notice says why): back to the stored shape.
        this.draw.updateFeatureGeometry(reportId, roundGeometry(this.editedGeometry, this.precision));
        this.draw.selectFeature(reportId);
      });
    }
  };
}
