/**
 * zadost.pdf: the covering letter to ČTÚ (A4, Czech, DejaVu Sans embedded so diacritics are right), laid out from
 * the content coverLetterContent.ts gives (the DOCX has the same): the letter, a summary per ORP, the maps drawn as
 * vectors (sharp when printed, no tiles needed) and the locality table. Table headers wrap at spaces only (columns
 * are widened until their longest word fits); a free-text cell that is cut ends with "…"; codes, obce and operators
 * are never cut. pdf-lib with fontkit; dates fixed to generated-at, so the same input gives the same bytes.
 */
import fontkit from '@pdf-lib/fontkit';
import { LineCapStyle, PDFDocument, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { DOMAINS, FAILURES, OPERATOR_CHOICES } from '../reports/enumerations.ts';
import { LOCALITY_STATUSES, PRIORITIES } from '../review/reviewModel.ts';
import { formatMessage } from '../text/formatMessage.ts';
import {
  coverLetterContent,
  LETTER_MESSAGE_KEYS,
  LETTER_TABLE_MAX_ROWS,
  type CoverLetterInput,
  type LetterBlock,
  type LetterColumn,
} from './coverLetterContent.ts';
import { textLeft, type Colour, type Drawing } from './letterDrawing.ts';

export type { CoverLetterInput, CoverLetterLocality } from './coverLetterContent.ts';

const A4: [number, number] = [595.28, 841.89];
/** At most this many localities in the letter's table; all of them are in lokality.csv. */
export const PDF_TABLE_MAX_ROWS = LETTER_TABLE_MAX_ROWS;
const SUBSET_FONTS = true;
/**
 * OpenType features for fontkit's layout, which pdf-lib runs for every measured or drawn string: only kerning.
 * Text is NFC-normalised first, so Czech letters are single precomposed glyphs and the mark, ccmp and ligature
 * lookups have nothing to do; switching them off halves the time the letter's table takes.
 */
const FONT_FEATURES = { kern: true, liga: false, clig: false, calt: false, ccmp: false, locl: false, mark: false, mkmk: false, rlig: false };
const MARGIN = 56;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.38, 0.4, 0.45);
const ELLIPSIS = '…';
const CELL_PADDING = 3;

interface Writer {
  doc: PDFDocument;
  page: PDFPage;
  y: number;
  regular: PDFFont;
  bold: PDFFont;
}

/** Widths of words per font and size: measuring through fontkit is the slow part of a long table. */
const widthCache = new WeakMap<PDFFont, Map<string, number>>();
function textWidth(font: PDFFont, size: number, text: string): number {
  let cache = widthCache.get(font);
  if (!cache) widthCache.set(font, (cache = new Map()));
  const key = `${size}|${text}`;
  let width = cache.get(key);
  if (width === undefined) {
    width = font.widthOfTextAtSize(text, size);
    if (cache.size < 200_000) cache.set(key, width);
  }
  return width;
}

/**
 * The table repeats many cell texts (statuses, operators, ORP names, "3/4"): each is laid out by fontkit once per
 * document. Safe because encoding is a pure function of the text, and the glyphs were added to the font's subset
 * the first time.
 */
function memoizeEncoding(font: PDFFont): PDFFont {
  const cache = new Map<string, ReturnType<PDFFont['encodeText']>>();
  const encode = font.encodeText.bind(font);
  font.encodeText = (text: string) => {
    let encoded = cache.get(text);
    if (encoded === undefined) {
      encoded = encode(text);
      cache.set(text, encoded);
    }
    return encoded;
  };
  return font;
}

/**
 * Lines of at most `width` points, broken at spaces. A word longer than the line is split between lines (nothing
 * is lost) unless `breakWords` is false; then it stands on a line of its own (callers size columns so it fits).
 */
export function wrapText(text: string, font: PDFFont, size: number, width: number, breakWords = true): string[] {
  const space = textWidth(font, size, ' ');
  const lines: string[] = [];
  for (const paragraph of text.normalize('NFC').split('\n')) {
    let line = '';
    let lineWidth = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const wordWidth = textWidth(font, size, word);
      if (line === '' ? wordWidth <= width : lineWidth + space + wordWidth <= width) {
        lineWidth = line === '' ? wordWidth : lineWidth + space + wordWidth;
        line = line === '' ? word : `${line} ${word}`;
        continue;
      }
      if (line) lines.push(line);
      let rest = word;
      while (breakWords && textWidth(font, size, rest) > width && rest.length > 1) {
        let cut = rest.length - 1;
        while (cut > 1 && textWidth(font, size, rest.slice(0, cut)) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
      lineWidth = textWidth(font, size, rest);
    }
    lines.push(line);
  }
  return lines;
}

/** At most `maxLines` lines; when lines are dropped, the last one kept ends with "…" (shortened until it fits). */
export function cutLines(lines: readonly string[], maxLines: number, font: PDFFont, size: number, width: number): string[] {
  if (lines.length <= maxLines) return [...lines];
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1]!;
  while (last.length > 0 && textWidth(font, size, `${last}${ELLIPSIS}`) > width) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}${ELLIPSIS}`;
  return kept;
}

/** The widest word of a header: its column may not be narrower (plus padding). */
function longestWord(text: string, font: PDFFont, size: number): number {
  return Math.max(0, ...text.split(/\s+/).map((word) => textWidth(font, size, word)));
}

/** A column is not widened beyond this for the longest word of its cells (a long code is split instead). */
const DATA_WORD_MAX = 72;

/**
 * Column widths summing to `total`: by weight, then every column widened to its header's longest word (headers
 * never break inside a word) and, up to DATA_WORD_MAX, to the longest word of its cells (a status, an ORP name);
 * the difference is taken from the columns with room to spare.
 */
export function fitColumnWidths(
  columns: readonly LetterColumn[],
  rows: ReadonlyArray<readonly string[]>,
  fonts: { header: PDFFont; cell: PDFFont },
  size: number,
  total: number,
): number[] {
  const headerMinimum = columns.map((c) => longestWord(c.header, fonts.header, size) + 2 * CELL_PADDING + 0.5);
  const minimum = columns.map((c, i) => {
    if (c.maxLines !== undefined) return headerMinimum[i]!;
    let widest = 0;
    for (const row of rows) widest = Math.max(widest, longestWord(row[i] ?? '', fonts.cell, size));
    return Math.max(headerMinimum[i]!, Math.min(DATA_WORD_MAX, widest + 2 * CELL_PADDING + 0.5));
  });
  // When the cells' words do not all fit, they give way; the headers' never do.
  const sum = minimum.reduce((a, b) => a + b, 0);
  if (sum > total)
    minimum.forEach(
      (m, i) =>
        (minimum[i] = Math.max(
          headerMinimum[i]!,
          m - ((sum - total) * (m - headerMinimum[i]!)) / Math.max(1e-9, sum - headerMinimum.reduce((a, b) => a + b, 0)),
        )),
    );
  const weights = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c, i) => Math.max(minimum[i]!, (c.weight / weights) * total));
  for (let round = 0; round < 8; round++) {
    const excess = widths.reduce((s, w) => s + w, 0) - total;
    if (Math.abs(excess) < 0.01) break;
    const room = widths.map((w, i) => Math.max(0, w - minimum[i]!));
    const roomTotal = room.reduce((s, r) => s + r, 0);
    if (roomTotal <= 0) break;
    widths.forEach((w, i) => (widths[i] = w - (excess * room[i]!) / roomTotal));
  }
  return widths;
}

function pdfColour(colour: Colour): RGB {
  return rgb(colour[0], colour[1], colour[2]);
}

function newPage(w: Writer): void {
  w.page = w.doc.addPage(A4);
  w.y = A4[1] - MARGIN;
}

function ensure(w: Writer, height: number): boolean {
  if (w.y - height >= MARGIN) return false;
  newPage(w);
  return true;
}

function paragraph(w: Writer, block: Extract<LetterBlock, { kind: 'paragraph' }>): void {
  const size = block.size ?? (block.small ? 8.5 : 10.5);
  const font = block.bold ? w.bold : w.regular;
  for (const line of wrapText(block.text, font, size, A4[0] - 2 * MARGIN)) {
    ensure(w, size * 1.4);
    w.page.drawText(line, { x: MARGIN, y: w.y - size, size, font, color: block.muted ? MUTED : INK });
    w.y -= size * 1.4;
  }
  w.y -= block.gapAfter ?? 6;
}

function table(w: Writer, block: Extract<LetterBlock, { kind: 'table' }>): void {
  const { size, columns } = block;
  const widths = fitColumnWidths(columns, block.rows, { header: w.bold, cell: w.regular }, size, A4[0] - 2 * MARGIN);
  const totalWidth = widths.reduce((a, b) => a + b, 0);
  const lineHeight = size * 1.3;
  const layout = (cells: readonly string[], header: boolean) =>
    cells.map((cell, i) => {
      const font = header ? w.bold : w.regular;
      const inner = widths[i]! - 2 * CELL_PADDING;
      const lines = wrapText(cell, font, size, inner, !header);
      const limit = header ? undefined : columns[i]!.maxLines;
      return limit ? cutLines(lines, limit, font, size, inner) : lines;
    });
  const headerLines = layout(
    columns.map((c) => c.header),
    true,
  );
  const heightOf = (lines: string[][]) => Math.max(...lines.map((l) => l.length)) * lineHeight + 2 * CELL_PADDING;
  const drawRow = (lines: string[][], header: boolean) => {
    const height = heightOf(lines);
    const font = header ? w.bold : w.regular;
    if (header) w.page.drawRectangle({ x: MARGIN, y: w.y - height, width: totalWidth, height, color: rgb(0.93, 0.94, 0.96) });
    let x = MARGIN;
    lines.forEach((cellLines, i) => {
      const right = columns[i]!.align === 'right' && !header;
      cellLines.forEach((line, k) => {
        const lineX = right ? x + widths[i]! - CELL_PADDING - textWidth(font, size, line) : x + CELL_PADDING;
        w.page.drawText(line, { x: lineX, y: w.y - CELL_PADDING - size - k * lineHeight + 1, size, font, color: INK });
      });
      x += widths[i]!;
    });
    w.y -= height;
    w.page.drawLine({ start: { x: MARGIN, y: w.y }, end: { x: MARGIN + totalWidth, y: w.y }, thickness: 0.3, color: MUTED });
  };
  ensure(w, heightOf(headerLines) + 3 * lineHeight);
  drawRow(headerLines, true);
  for (const row of block.rows) {
    const lines = layout(row, false);
    // A new page repeats the header, so every page of the table can be read alone.
    if (ensure(w, heightOf(lines))) drawRow(headerLines, true);
    drawRow(lines, false);
  }
  w.y -= 10;
}

/** A drawing's items as PDF vectors, its top left corner at (left, top) in PDF coordinates. */
function drawDrawing(w: Writer, drawing: Drawing, left: number, top: number): void {
  const page = w.page;
  const toPdf = (x: number, y: number) => ({ x: left + x, y: top - y });
  for (const item of drawing.items) {
    if (item.kind === 'path') {
      const d = item.parts
        .filter((part) => part.length > 1)
        .map((part) => `M${part.map(([x, y]) => `${x.toFixed(2)} ${y.toFixed(2)}`).join('L')}${item.closed ? 'Z' : ''}`)
        .join('');
      if (!d) continue;
      // drawSvgPath reads SVG coordinates (y down) from the given origin.
      page.drawSvgPath(d, {
        x: left,
        y: top,
        ...(item.fill ? { color: pdfColour(item.fill), opacity: item.fillOpacity ?? 1 } : {}),
        ...(item.stroke ? { borderColor: pdfColour(item.stroke), borderWidth: item.width ?? 1, borderLineCap: LineCapStyle.Round } : {}),
      });
    } else if (item.kind === 'circle') {
      const c = toPdf(item.x, item.y);
      page.drawCircle({
        x: c.x,
        y: c.y,
        size: item.r,
        ...(item.fill ? { color: pdfColour(item.fill) } : {}),
        ...(item.stroke ? { borderColor: pdfColour(item.stroke), borderWidth: item.width ?? 0.5 } : {}),
      });
    } else {
      const font = item.bold ? w.bold : w.regular;
      const width = textWidth(font, item.size, item.text);
      const x = textLeft(item, width);
      const p = toPdf(x, item.y);
      if (item.halo)
        page.drawRectangle({ x: p.x - 1.5, y: p.y - item.size * 0.28, width: width + 3, height: item.size * 1.12, color: rgb(1, 1, 1), opacity: 0.78 });
      page.drawText(item.text, { x: p.x, y: p.y, size: item.size, font, color: pdfColour(item.colour) });
    }
  }
}

function map(w: Writer, block: Extract<LetterBlock, { kind: 'map' }>): void {
  const { drawing } = block;
  const captionLines = wrapText(block.caption, w.regular, 8, A4[0] - 2 * MARGIN).length;
  ensure(w, drawing.height + 8 + captionLines * 8 * 1.4);
  const top = w.y;
  w.page.drawRectangle({ x: MARGIN, y: top - drawing.height, width: drawing.width, height: drawing.height, color: rgb(1, 1, 1) });
  drawDrawing(w, drawing, MARGIN, top);
  w.page.drawRectangle({ x: MARGIN, y: top - drawing.height, width: drawing.width, height: drawing.height, borderColor: MUTED, borderWidth: 0.5 });
  w.y = top - drawing.height - 5;
  paragraph(w, { kind: 'paragraph', text: block.caption, small: true, muted: true, size: 8, gapAfter: 12 });
}

export async function buildCoverLetterPdf(input: CoverLetterInput): Promise<Uint8Array> {
  const content = coverLetterContent(input);
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = memoizeEncoding(await doc.embedFont(input.fonts.regular, { subset: SUBSET_FONTS, features: FONT_FEATURES }));
  const bold = memoizeEncoding(await doc.embedFont(input.fonts.bold, { subset: SUBSET_FONTS, features: FONT_FEATURES }));
  const date = new Date(input.generatedAt);
  doc.setTitle(content.title);
  doc.setAuthor(content.author);
  doc.setSubject(content.subject);
  doc.setCreator('Hluchá místa');
  doc.setProducer('Hluchá místa (pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage('cs-CZ');

  const w: Writer = { doc, page: doc.addPage(A4), y: A4[1] - MARGIN, regular, bold };
  content.blocks.forEach((block, i) => {
    const next = content.blocks[i + 1];
    if (block.kind === 'pageBreak') {
      if (w.y < A4[1] - MARGIN) newPage(w);
    } else if (block.kind === 'heading') {
      // Kept with what follows (a map whole, or the start of a table or text): never alone at the foot of a page.
      ensure(w, 13 * 1.4 + 8 + (next?.kind === 'map' ? next.drawing.height + 30 : 80));
      paragraph(w, { kind: 'paragraph', text: block.text, size: 13, bold: true, gapAfter: 8 });
    } else if (block.kind === 'paragraph') paragraph(w, block);
    else if (block.kind === 'table') table(w, block);
    else map(w, block);
  });
  const pages = doc.getPages();
  pages.forEach((page, i) => page.drawText(content.footer(i + 1, pages.length), { x: MARGIN, y: 28, size: 7.5, font: regular, color: MUTED }));
  return doc.save({ useObjectStreams: false });
}

/**
 * The letter's input as plain data that can be posted to a worker: the label function becomes the table of every
 * message template the letter uses (plural forms are chosen there), and each locality keeps only what the letter
 * reads (a fraction of the bytes to copy).
 */
export interface CoverLetterRequest extends Omit<CoverLetterInput, 'label'> {
  labels: Record<string, string>;
  /** Which file the worker makes: zadost.pdf (the default) or zadost.docx (see coverLetterFiles.ts). */
  format?: 'pdf' | 'docx';
}

export function coverLetterRequest(input: CoverLetterInput): CoverLetterRequest {
  const { label } = input;
  const keys = [
    ...DOMAINS.map((code) => `enum.domain.${code}`),
    ...FAILURES.map((code) => `enum.failure.${code}`),
    ...OPERATOR_CHOICES.map((code) => `enum.operator.${code}`),
    ...LOCALITY_STATUSES.map((code) => `review.status.${code}`),
    ...PRIORITIES.map((code) => `review.priority.${code}`),
    ...LETTER_MESSAGE_KEYS,
  ];
  return {
    kraj: input.kraj,
    contact: input.contact,
    ...(input.settings ? { settings: input.settings } : {}),
    generatedAt: input.generatedAt,
    orpRows: input.orpRows,
    outline: input.outline,
    ...(input.orp ? { orp: input.orp } : {}),
    ...(input.obce ? { obce: input.obce } : {}),
    fonts: input.fonts,
    // Without parameters a label is its template: the worker fills it in (formatMessage) with the same result.
    labels: Object.fromEntries(keys.map((key) => [key, label(key)])),
    localities: input.localities.map((l) => ({
      id: l.id,
      localityId: l.localityId,
      number: l.number,
      obce: l.obce,
      priority: l.priority,
      ctuNotes: l.ctuNotes,
      domain: l.domain,
      place: l.place,
      description: l.description,
      failures: l.failures,
      operators: l.operators,
      centroid: l.centroid,
      evidence: { level: l.evidence.level },
      review: { status: l.review.status },
      reports: l.reports.map((r) => ({ place: r.place ? { obec: { kod: r.place.obec.kod } } : null, geometry: r.geometry })),
    })),
  };
}

/** The label function of a request: its templates filled in the Czech way. */
export function requestLabel(labels: Readonly<Record<string, string>>): CoverLetterInput['label'] {
  return (key, params) => (key in labels ? formatMessage('cs-CZ', labels[key]!, params) : key);
}

/** The letter from a request (in a worker, or here): the same bytes as buildCoverLetterPdf with the same labels. */
export function buildCoverLetterPdfFromRequest(request: CoverLetterRequest): Promise<Uint8Array> {
  const { labels, ...input } = request;
  return buildCoverLetterPdf({ ...input, label: requestLabel(labels) });
}
