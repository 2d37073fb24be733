/**
 * A drawing (letterDrawing.ts) as a PNG, in pure TypeScript, for the DOCX letter: the same primitives the PDF draws
 * as vectors, filled by a scanline rasteriser with 4 × analytic anti-aliasing (non-zero winding), strokes as unions
 * of segment quads and round joins, text from the glyph outlines of the letter's own font (fontkit), PNG written
 * with fflate's zlib. No canvas, no DOM: it runs in the package worker and in Node alike.
 */
import fontkit from '@pdf-lib/fontkit';
import { zlibSync } from 'fflate';
import { textLeft, type Colour, type Drawing } from './letterDrawing.ts';

type Polygon = Array<[number, number]>;
type Font = ReturnType<typeof fontkit.create>;

const SUBSAMPLES = 4;

class Raster {
  readonly pixels: Float32Array;
  private readonly coverage: Float32Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Float32Array(width * height * 3).fill(1);
    this.coverage = new Float32Array(width + 2);
  }

  /** Fills the union of polygons (non-zero winding) with a colour and opacity. */
  fill(polygons: readonly Polygon[], colour: Colour, opacity = 1): void {
    const edges: number[] = [];
    let top = Infinity;
    let bottom = -Infinity;
    for (const polygon of polygons) {
      for (let i = 0; i < polygon.length; i++) {
        const [x0, y0] = polygon[i]!;
        const [x1, y1] = polygon[(i + 1) % polygon.length]!;
        if (y0 === y1 || !Number.isFinite(x0 + y0 + x1 + y1)) continue;
        edges.push(x0, y0, x1, y1);
        top = Math.min(top, y0, y1);
        bottom = Math.max(bottom, y0, y1);
      }
    }
    if (edges.length === 0) return;
    const firstRow = Math.max(0, Math.floor(top));
    const lastRow = Math.min(this.height - 1, Math.ceil(bottom));
    if (firstRow > lastRow) return;
    // Edges bucketed by the first pixel row they cross.
    const buckets = new Map<number, number[]>();
    for (let e = 0; e < edges.length; e += 4) {
      const row = Math.max(firstRow, Math.floor(Math.min(edges[e + 1]!, edges[e + 3]!)));
      let bucket = buckets.get(row);
      if (!bucket) buckets.set(row, (bucket = []));
      bucket.push(e);
    }
    let active: number[] = [];
    const crossings: Array<[number, number]> = [];
    const cov = this.coverage;
    for (let row = firstRow; row <= lastRow; row++) {
      const added = buckets.get(row);
      if (added) active.push(...added);
      active = active.filter((e) => Math.max(edges[e + 1]!, edges[e + 3]!) > row);
      if (active.length === 0) continue;
      cov.fill(0);
      let minX = this.width;
      let maxX = 0;
      for (let s = 0; s < SUBSAMPLES; s++) {
        const sy = row + (s + 0.5) / SUBSAMPLES;
        crossings.length = 0;
        for (const e of active) {
          const y0 = edges[e + 1]!;
          const y1 = edges[e + 3]!;
          if ((sy >= y0 && sy < y1) || (sy >= y1 && sy < y0)) {
            const x0 = edges[e]!;
            crossings.push([x0 + ((sy - y0) / (y1 - y0)) * (edges[e + 2]! - x0), y1 > y0 ? 1 : -1]);
          }
        }
        if (crossings.length < 2) continue;
        crossings.sort((a, b) => a[0] - b[0]);
        let winding = 0;
        for (let c = 0; c + 1 < crossings.length; c++) {
          winding += crossings[c]![1];
          if (winding === 0) continue;
          const a = Math.max(0, crossings[c]![0]);
          const b = Math.min(this.width, crossings[c + 1]![0]);
          if (b <= a) continue;
          minX = Math.min(minX, Math.floor(a));
          maxX = Math.max(maxX, Math.ceil(b));
          const ia = Math.floor(a);
          const ib = Math.floor(b);
          const w = 1 / SUBSAMPLES;
          if (ia === ib) cov[ia]! += (b - a) * w;
          else {
            cov[ia]! += (ia + 1 - a) * w;
            for (let x = ia + 1; x < ib; x++) cov[x]! += w;
            cov[ib]! += (b - ib) * w;
          }
        }
      }
      for (let x = minX; x < Math.min(maxX + 1, this.width); x++) {
        const alpha = Math.min(1, cov[x]!) * opacity;
        if (alpha <= 0) continue;
        const p = (row * this.width + x) * 3;
        this.pixels[p] = this.pixels[p]! * (1 - alpha) + colour[0] * alpha;
        this.pixels[p + 1] = this.pixels[p + 1]! * (1 - alpha) + colour[1] * alpha;
        this.pixels[p + 2] = this.pixels[p + 2]! * (1 - alpha) + colour[2] * alpha;
      }
    }
  }
}

function signedArea(polygon: Polygon): number {
  let area = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x0, y0] = polygon[i]!;
    const [x1, y1] = polygon[(i + 1) % polygon.length]!;
    area += x0 * y1 - x1 * y0;
  }
  return area / 2;
}

/** A circle as a polygon wound like the stroke quads (negative area), so they unite under non-zero winding. */
function circle(x: number, y: number, r: number): Polygon {
  const steps = Math.max(12, Math.min(48, Math.ceil(r * 4)));
  const polygon: Polygon = [];
  for (let i = 0; i < steps; i++) polygon.push([x + r * Math.cos((i / steps) * 2 * Math.PI), y + r * Math.sin((i / steps) * 2 * Math.PI)]);
  return signedArea(polygon) > 0 ? polygon.reverse() : polygon;
}

/** A polyline's outline at `width`: one quad per segment and a round join at each vertex. */
function strokePolygons(points: ReadonlyArray<readonly [number, number]>, width: number, closed: boolean): Polygon[] {
  const half = width / 2;
  const polygons: Polygon[] = [];
  const list = closed && points.length > 2 ? [...points, points[0]!] : points;
  for (let i = 0; i + 1 < list.length; i++) {
    const [x0, y0] = list[i]!;
    const [x1, y1] = list[i + 1]!;
    const length = Math.hypot(x1 - x0, y1 - y0);
    if (length === 0) continue;
    const nx = (-(y1 - y0) / length) * half;
    const ny = ((x1 - x0) / length) * half;
    polygons.push([
      [x0 + nx, y0 + ny],
      [x1 + nx, y1 + ny],
      [x1 - nx, y1 - ny],
      [x0 - nx, y0 - ny],
    ]);
  }
  if (half * 2 >= 1.5) for (const [x, y] of list) polygons.push(circle(x, y, half));
  return polygons;
}

/** The glyph outlines of `text` at `size`, baseline at (x, y), as polygons (curves flattened). */
function textPolygons(font: Font, text: string, size: number, x: number, y: number): Polygon[] {
  const run = font.layout(text.normalize('NFC'));
  const scale = size / font.unitsPerEm;
  const polygons: Polygon[] = [];
  let penX = x;
  run.glyphs.forEach((glyph, i) => {
    const position = run.positions[i]!;
    const ox = penX + position.xOffset * scale;
    const oy = y - position.yOffset * scale;
    const map = (gx: number, gy: number): [number, number] => [ox + gx * scale, oy - gy * scale];
    let current: Polygon = [];
    let last: [number, number] = [0, 0];
    const commands = (glyph.path as unknown as { commands: Array<{ command: string; args: number[] }> }).commands;
    for (const { command, args } of commands) {
      if (command === 'moveTo') {
        if (current.length > 2) polygons.push(current);
        current = [map(args[0]!, args[1]!)];
        last = [args[0]!, args[1]!];
      } else if (command === 'lineTo') {
        current.push(map(args[0]!, args[1]!));
        last = [args[0]!, args[1]!];
      } else if (command === 'quadraticCurveTo') {
        const [cx, cy, ex, ey] = args as [number, number, number, number];
        for (let t = 1; t <= 4; t++) {
          const s = t / 4;
          current.push(map((1 - s) ** 2 * last[0] + 2 * (1 - s) * s * cx + s * s * ex, (1 - s) ** 2 * last[1] + 2 * (1 - s) * s * cy + s * s * ey));
        }
        last = [ex, ey];
      } else if (command === 'bezierCurveTo') {
        const [c1x, c1y, c2x, c2y, ex, ey] = args as [number, number, number, number, number, number];
        for (let t = 1; t <= 6; t++) {
          const s = t / 6;
          const u = 1 - s;
          current.push(
            map(
              u ** 3 * last[0] + 3 * u * u * s * c1x + 3 * u * s * s * c2x + s ** 3 * ex,
              u ** 3 * last[1] + 3 * u * u * s * c1y + 3 * u * s * s * c2y + s ** 3 * ey,
            ),
          );
        }
        last = [ex, ey];
      } else if (command === 'closePath') {
        if (current.length > 2) polygons.push(current);
        current = [];
      }
    }
    if (current.length > 2) polygons.push(current);
    penX += position.xAdvance * scale;
  });
  return polygons;
}

function textWidth(font: Font, text: string, size: number): number {
  return (font.layout(text.normalize('NFC')).advanceWidth * size) / font.unitsPerEm;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An RGB image (0–1 floats) as PNG bytes, with its resolution (pixels per metre) recorded. */
export function encodePng(width: number, height: number, pixels: Float32Array, pixelsPerMetre: number): Uint8Array {
  const raw = new Uint8Array(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    raw[row] = 0;
    for (let i = 0; i < width * 3; i++) raw[row + 1 + i] = Math.round(Math.max(0, Math.min(1, pixels[y * width * 3 + i]!)) * 255);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 2, 0, 0, 0], 8);
  const physical = new Uint8Array(9);
  new DataView(physical.buffer).setUint32(0, pixelsPerMetre);
  new DataView(physical.buffer).setUint32(4, pixelsPerMetre);
  physical[8] = 1;
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('pHYs', physical),
    chunk('IDAT', zlibSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export interface RasterFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

/** Loaded fonts for rasterDrawing, made once per letter. */
export function rasterFonts(fonts: RasterFonts): { regular: Font; bold: Font } {
  return { regular: fontkit.create(fonts.regular), bold: fontkit.create(fonts.bold) };
}

/** The drawing as a PNG at `dpi` (the drawing's units are points, 1/72 in). */
export function rasterizeDrawing(drawing: Drawing, fonts: { regular: Font; bold: Font }, dpi = 180): { png: Uint8Array; width: number; height: number } {
  const scale = dpi / 72;
  const width = Math.round(drawing.width * scale);
  const height = Math.round(drawing.height * scale);
  const raster = new Raster(width, height);
  const s = (p: readonly [number, number]): [number, number] => [p[0] * scale, p[1] * scale];
  for (const item of drawing.items) {
    if (item.kind === 'path') {
      if (item.fill && item.closed)
        raster.fill(
          item.parts.map((part) => part.map(s)),
          item.fill,
          item.fillOpacity ?? 1,
        );
      if (item.stroke)
        raster.fill(
          item.parts.flatMap((part) => strokePolygons(part.map(s), Math.max(0.8, (item.width ?? 1) * scale), item.closed)),
          item.stroke,
        );
    } else if (item.kind === 'circle') {
      const [x, y] = s([item.x, item.y]);
      const r = item.r * scale;
      const border = (item.width ?? 0.5) * scale;
      if (item.stroke) raster.fill([circle(x, y, r + border / 2)], item.stroke);
      if (item.fill) raster.fill([circle(x, y, item.stroke ? r - border / 2 : r)], item.fill);
    } else {
      const font = item.bold ? fonts.bold : fonts.regular;
      const textW = textWidth(font, item.text, item.size);
      const left = textLeft(item, textW);
      if (item.halo) {
        const [x0, y0] = s([left - 1.5, item.y - item.size * 0.84]);
        const [x1, y1] = s([left + textW + 1.5, item.y + item.size * 0.28]);
        raster.fill(
          [
            [
              [x0, y0],
              [x1, y0],
              [x1, y1],
              [x0, y1],
            ],
          ],
          [1, 1, 1],
          0.78,
        );
      }
      raster.fill(textPolygons(font, item.text, item.size * scale, left * scale, item.y * scale), item.colour);
    }
  }
  return { png: encodePng(width, height, raster.pixels, Math.round(dpi / 0.0254)), width, height };
}
