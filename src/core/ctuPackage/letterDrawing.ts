/**
 * A map of the letter as a list of drawing primitives in points (origin top left, y down): the same list is drawn
 * as vectors into the PDF (coverLetterPdf.ts) and rasterised to PNG for the DOCX (rasterDrawing.ts), so both
 * documents show the same picture.
 */

export type Colour = readonly [number, number, number];

export type DrawItem =
  | {
      kind: 'path';
      /** Rings or polylines of [x, y]. */
      parts: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
      closed: boolean;
      fill?: Colour;
      fillOpacity?: number;
      stroke?: Colour;
      width?: number;
    }
  | { kind: 'circle'; x: number; y: number; r: number; fill?: Colour; stroke?: Colour; width?: number }
  | {
      kind: 'text';
      x: number;
      /** Baseline. */
      y: number;
      text: string;
      size: number;
      bold?: boolean;
      colour: Colour;
      anchor: 'start' | 'middle';
      /** A white box behind the text, so a label stays readable over lines. */
      halo?: boolean;
    };

export interface Drawing {
  width: number;
  height: number;
  items: DrawItem[];
}

/** The size of text in a font: the renderers measure with the letter's font (DejaVu Sans in both). */
export type MeasureText = (text: string, size: number, bold: boolean) => number;

/** Where `item` starts horizontally, given its measured width. */
export function textLeft(item: Extract<DrawItem, { kind: 'text' }>, width: number): number {
  return item.anchor === 'middle' ? item.x - width / 2 : item.x;
}
