/**
 * The drawing controller with a render-less terra-draw adapter (no map, no DOM): clicks and drags go straight to
 * the mode callbacks, at pixel positions of a simple linear projection (1 px ≈ 1 m).
 */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { TerraDrawMouseEvent } from 'terra-draw';
import type { ReportGeometry } from '../../src/core/reports/report.ts';
import { DrawingController, type TerraDrawAdapter } from '../../src/map/drawing/DrawingController.ts';

type Callbacks = Parameters<TerraDrawAdapter['register']>[0];

const WEST = 12.8;
const NORTH = 50.3;
const SCALE = 100_000; // pixels per degree

/** A terra-draw adapter that renders nothing and lets the test play the pointer. */
function testAdapter() {
  let callbacks: Callbacks | null = null;
  const event = (x: number, y: number): TerraDrawMouseEvent => ({
    lng: WEST + x / SCALE,
    lat: NORTH - y / SCALE,
    containerX: x,
    containerY: y,
    button: 'left',
    heldKeys: [],
    isContextMenu: false,
  });
  const noDrag = () => undefined;
  const adapter: TerraDrawAdapter = {
    project: (lng, lat) => ({ x: (lng - WEST) * SCALE, y: (NORTH - lat) * SCALE }),
    unproject: (x, y) => ({ lng: WEST + x / SCALE, lat: NORTH - y / SCALE }),
    setCursor: () => undefined,
    getLngLatFromEvent: () => null,
    setDoubleClickToZoom: () => undefined,
    getMapEventElement: () => {
      throw new Error('no DOM in this adapter');
    },
    register: (next) => {
      callbacks = next;
      next.onReady?.();
    },
    unregister: () => {
      callbacks = null;
    },
    render: () => undefined,
    clear: () => callbacks?.onClear(),
    getCoordinatePrecision: () => 9,
  };
  const live = () => {
    if (!callbacks) throw new Error('terra-draw has not registered');
    return callbacks;
  };
  return {
    adapter,
    click(x: number, y: number) {
      live().onMouseMove(event(x, y));
      live().onClick(event(x, y));
    },
    drag(from: [number, number], to: [number, number]) {
      live().onMouseMove(event(...from));
      live().onDragStart(event(...from), noDrag);
      for (let step = 1; step <= 6; step++) {
        const at = (a: number, b: number) => a + ((b - a) * step) / 6;
        live().onDrag(event(at(from[0], to[0]), at(from[1], to[1])), noDrag);
      }
      live().onDragEnd(event(...to), noDrag);
    },
    lonLat: (x: number, y: number): [number, number] => [WEST + x / SCALE, NORTH - y / SCALE],
  };
}

function recorder() {
  const drawn: ReportGeometry[] = [];
  const reshaped: Array<{ id: string; geometry: ReportGeometry }> = [];
  let accept = true;
  return {
    drawn,
    reshaped,
    refuseNext: () => (accept = false),
    callbacks: {
      onDrawn: (geometry: ReportGeometry) => void drawn.push(geometry),
      onReshaped: async (id: string, geometry: ReportGeometry) => {
        reshaped.push({ id, geometry });
        const answer = accept;
        accept = true;
        return answer;
      },
    },
  };
}

const REPORT_ID = '6f1c0a52-9d3e-4b7a-8c21-3e5f7a9b0c14';

describe('DrawingController', () => {
  it('a point tool click hands one point to the store and keeps nothing in terra-draw', async () => {
    const pointer = testAdapter();
    const record = recorder();
    const drawing = new DrawingController(pointer.adapter, record.callbacks);
    drawing.setMode({ kind: 'draw', tool: 'point' }, () => null);
    pointer.click(100, 200);
    expect(record.drawn).toHaveLength(1);
    expect(record.drawn[0]!.type).toBe('Point');
    expect(record.drawn[0]!.coordinates).toEqual(pointer.lonLat(100, 200));
    expect(drawing.modeName).toBe('point');
    drawing.destroy();
  });

  it('a polygon closed on its first corner is handed over as a closed ring', () => {
    const pointer = testAdapter();
    const record = recorder();
    const drawing = new DrawingController(pointer.adapter, record.callbacks);
    drawing.setMode({ kind: 'draw', tool: 'polygon' }, () => null);
    for (const [x, y] of [
      [0, 0],
      [400, 0],
      [400, 300],
      [0, 300],
      [0, 0],
    ] as const)
      pointer.click(x, y);
    expect(record.drawn).toHaveLength(1);
    const polygon = record.drawn[0] as Polygon;
    expect(polygon.type).toBe('Polygon');
    const ring = polygon.coordinates[0]!;
    expect(ring).toHaveLength(5);
    expect(ring[0]).toEqual(ring[4]);
    drawing.destroy();
  });

  it('a line is finished by clicking its last point again', () => {
    const pointer = testAdapter();
    const record = recorder();
    const drawing = new DrawingController(pointer.adapter, record.callbacks);
    drawing.setMode({ kind: 'draw', tool: 'linestring' }, () => null);
    for (const [x, y] of [
      [0, 0],
      [300, 100],
      [600, 0],
      [600, 0],
    ] as const)
      pointer.click(x, y);
    expect(record.drawn.map((g) => g.type)).toEqual(['LineString']);
    expect(record.drawn[0]!.coordinates).toHaveLength(3);
    drawing.destroy();
  });

  it('editing moves a point by dragging it; a refused shape snaps back to the stored one', async () => {
    const pointer = testAdapter();
    const record = recorder();
    const drawing = new DrawingController(pointer.adapter, record.callbacks);
    // 12.8 + 0.005 is 12.805000000000001 in floating point: more decimals than terra-draw takes, as in files.
    const stored: ReportGeometry = { type: 'Point', coordinates: pointer.lonLat(500, 500) };
    drawing.setMode({ kind: 'editShape', reportId: REPORT_ID }, () => stored);
    expect(drawing.modeName).toBe('select');

    pointer.drag([500, 500], [560, 540]);
    expect(record.reshaped).toHaveLength(1);
    expect(record.reshaped[0]!.id).toBe(REPORT_ID);
    const moved = record.reshaped[0]!.geometry.coordinates as number[];
    expect(moved[0]).toBeCloseTo(pointer.lonLat(560, 540)[0], 6);
    expect(moved[1]).toBeCloseTo(pointer.lonLat(560, 540)[1], 6);

    // The store refuses the next one: the point goes back to where the store has it.
    record.refuseNext();
    pointer.drag([560, 540], [700, 700]);
    await Promise.resolve();
    await Promise.resolve();
    pointer.drag([500, 500], [520, 520]);
    const last = record.reshaped.at(-1)!.geometry.coordinates as number[];
    expect(last[0]).toBeCloseTo(pointer.lonLat(520, 520)[0], 6);
    drawing.destroy();
  });

  it('back to browsing clears what terra-draw held', () => {
    const pointer = testAdapter();
    const record = recorder();
    const drawing = new DrawingController(pointer.adapter, record.callbacks);
    drawing.setMode({ kind: 'draw', tool: 'polygon' }, () => null);
    pointer.click(0, 0);
    pointer.click(100, 0);
    drawing.setMode({ kind: 'browse' }, () => null);
    expect(drawing.modeName).toBe('static');
    expect(record.drawn).toEqual([]);
    drawing.destroy();
  });
});
