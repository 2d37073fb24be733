/**
 * zadost.pdf: the covering letter to ČTÚ (A4, Czech, DejaVu Sans embedded so diacritics are right), a summary per
 * ORP, a map of the localities drawn as vectors over the kraj outline (sharp when printed, no tiles needed), and
 * the locality table. pdf-lib with fontkit; dates fixed to generated-at, so the same input gives the same bytes.
 */
import { minOf, maxOf } from '../math/minMax.ts';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { MultiPolygon, Polygon } from 'geojson';
import { DOMAINS, FAILURES, OPERATOR_CHOICES } from '../reports/enumerations.ts';
import { LOCALITY_STATUSES } from '../review/reviewModel.ts';
import type { PackageLocality } from './packageLocalities.ts';
import type { Label, OrpSummaryRow } from './packageTables.ts';

/** What the letter reads of a locality (a PackageLocality is one); a worker is sent only this. */
export type CoverLetterLocality = Pick<PackageLocality, 'id' | 'localityId' | 'domain' | 'place' | 'description' | 'failures' | 'operators' | 'centroid'> & {
  evidence: Pick<PackageLocality['evidence'], 'level'>;
  review: Pick<PackageLocality['review'], 'status'>;
  reports: ReadonlyArray<{ place: { obec: { kod: string } } | null }>;
};

export interface CoverLetterInput {
  kraj: { nuts3: string; nazev: string };
  /** Who at the kraj sends the package and answers questions. */
  contact: { name: string; function: string; email: string; phone: string };
  generatedAt: string;
  localities: readonly CoverLetterLocality[];
  orpRows: readonly OrpSummaryRow[];
  /** The kraj's outline for the map (WGS84). */
  outline: Polygon | MultiPolygon | null;
  fonts: { regular: Uint8Array; bold: Uint8Array };
  label: Label;
}

const A4: [number, number] = [595.28, 841.89];
/** At most this many localities in the letter's table (about 12 pages); all of them are in lokality.csv. */
export const PDF_TABLE_MAX_ROWS = 300;
const SUBSET_FONTS = true;
/**
 * OpenType features for fontkit's layout, which pdf-lib runs for every measured or drawn string: only kerning.
 * Text is NFC-normalised first (see `nfc`), so Czech letters are single precomposed glyphs and the mark, ccmp and
 * ligature lookups have nothing to do; switching them off halves the time the letter's table takes.
 */
const FONT_FEATURES = { kern: true, liga: false, clig: false, calt: false, ccmp: false, locl: false, mark: false, mkmk: false, rlig: false };
const MARGIN = 56;
const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.38, 0.4, 0.45);
const LEVEL_COLOURS = [rgb(0.75, 0.75, 0.78), rgb(0.99, 0.75, 0.3), rgb(0.96, 0.55, 0.2), rgb(0.85, 0.3, 0.15), rgb(0.62, 0.08, 0.1)];

interface Writer {
  doc: PDFDocument;
  page: PDFPage;
  y: number;
  regular: PDFFont;
  bold: PDFFont;
}

function czechDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${Number(d)}. ${Number(m)}. ${y}`;
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

/** Lines of at most `width` points, broken at spaces (a word longer than the line is cut). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
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
      while (textWidth(font, size, rest) > width && rest.length > 1) {
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

function newPage(w: Writer): void {
  w.page = w.doc.addPage(A4);
  w.y = A4[1] - MARGIN;
}

function ensure(w: Writer, height: number): void {
  if (w.y - height < MARGIN) newPage(w);
}

function paragraph(w: Writer, text: string, options: { size?: number; bold?: boolean; colour?: ReturnType<typeof rgb>; gap?: number } = {}): void {
  const size = options.size ?? 10.5;
  const font = options.bold ? w.bold : w.regular;
  for (const line of wrapText(text, font, size, A4[0] - 2 * MARGIN)) {
    ensure(w, size * 1.4);
    w.page.drawText(line, { x: MARGIN, y: w.y - size, size, font, color: options.colour ?? INK });
    w.y -= size * 1.4;
  }
  w.y -= options.gap ?? 6;
}

function table(w: Writer, headers: string[], widths: number[], rows: string[][], size = 8): void {
  const drawRow = (cells: string[], font: PDFFont, shade: boolean) => {
    const wrapped = cells.map((cell, i) => wrapText(cell, font, size, widths[i]! - 6).slice(0, 4));
    const height = Math.max(...wrapped.map((lines) => lines.length)) * size * 1.3 + 6;
    ensure(w, height);
    if (shade) w.page.drawRectangle({ x: MARGIN, y: w.y - height, width: widths.reduce((a, b) => a + b, 0), height, color: rgb(0.93, 0.94, 0.96) });
    let x = MARGIN;
    wrapped.forEach((lines, i) => {
      lines.forEach((line, k) => w.page.drawText(line, { x: x + 3, y: w.y - 3 - size - k * size * 1.3, size, font, color: INK }));
      x += widths[i]!;
    });
    w.y -= height;
    w.page.drawLine({ start: { x: MARGIN, y: w.y }, end: { x: MARGIN + widths.reduce((a, b) => a + b, 0), y: w.y }, thickness: 0.3, color: MUTED });
  };
  drawRow(headers, w.bold, true);
  rows.forEach((row) => drawRow(row, w.regular, false));
  w.y -= 10;
}

function drawMap(w: Writer, input: CoverLetterInput): void {
  const size = A4[0] - 2 * MARGIN;
  const height = 300;
  ensure(w, height + 30);
  const rings = input.outline ? (input.outline.type === 'Polygon' ? [input.outline.coordinates[0]!] : input.outline.coordinates.map((p) => p[0]!)) : [];
  const positions = [...rings.flat(), ...input.localities.map((l) => [l.centroid.lon, l.centroid.lat])];
  if (positions.length === 0) return;
  const xs = positions.map((p) => p[0]!);
  const ys = positions.map((p) => p[1]!);
  const [west, east, south, north] = [minOf(xs), maxOf(xs), minOf(ys), maxOf(ys)];
  // Equirectangular at the map's middle latitude: faithful enough for one kraj.
  const kx = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = Math.min(size / Math.max((east - west) * kx, 1e-6), height / Math.max(north - south, 1e-6));
  const left = MARGIN + (size - (east - west) * kx * scale) / 2;
  const top = w.y;
  const project = (lon: number, lat: number) => ({ x: left + (lon - west) * kx * scale, y: top - (north - lat) * scale });
  w.page.drawRectangle({ x: MARGIN, y: top - height, width: size, height, borderColor: MUTED, borderWidth: 0.5 });
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      w.page.drawLine({ start: project(ring[i]![0]!, ring[i]![1]!), end: project(ring[i + 1]![0]!, ring[i + 1]![1]!), thickness: 0.8, color: INK });
    }
  }
  for (const l of input.localities) {
    const p = project(l.centroid.lon, l.centroid.lat);
    w.page.drawCircle({ x: p.x, y: p.y, size: 2.2 + Math.min(4, l.reports.length * 0.6), color: LEVEL_COLOURS[l.evidence.level]!, borderColor: INK, borderWidth: 0.3 });
  }
  w.y = top - height - 6;
  paragraph(w, 'Mapa: obrys kraje a těžiště lokalit; barva značí úroveň důkazů (šedá 0 → tmavě červená 4), velikost počet hlášení. Souřadnice viz lokality.csv.', { size: 8, colour: MUTED });
}

export async function buildCoverLetterPdf(input: CoverLetterInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const regular = memoizeEncoding(await doc.embedFont(input.fonts.regular, { subset: SUBSET_FONTS, features: FONT_FEATURES }));
  const bold = memoizeEncoding(await doc.embedFont(input.fonts.bold, { subset: SUBSET_FONTS, features: FONT_FEATURES }));
  const date = new Date(input.generatedAt);
  doc.setTitle(`Žádost o měření – ${input.kraj.nazev}`);
  doc.setAuthor(input.kraj.nazev);
  doc.setSubject('Hluchá místa: lokality s nedostatečným pokrytím mobilním signálem');
  doc.setCreator('Hluchá místa');
  doc.setProducer('Hluchá místa (pdf-lib)');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  doc.setLanguage('cs-CZ');

  const w: Writer = { doc, page: doc.addPage(A4), y: A4[1] - MARGIN, regular, bold };
  const mobile = input.localities.filter((l) => l.domain === 'mobile');
  const fixed = input.localities.filter((l) => l.domain === 'fixed');
  const reports = input.localities.reduce((s, l) => s + l.reports.length, 0);
  const obce = new Set(input.localities.flatMap((l) => l.reports.map((r) => r.place?.obec.kod).filter(Boolean))).size;

  paragraph(w, input.kraj.nazev, { size: 13, bold: true, gap: 2 });
  paragraph(w, `${input.contact.name}, ${input.contact.function}`, { colour: MUTED, gap: 0 });
  paragraph(w, [input.contact.email, input.contact.phone].filter(Boolean).join(' · '), { colour: MUTED, gap: 18 });
  paragraph(w, 'Český telekomunikační úřad', { bold: true, gap: 0 });
  paragraph(w, 'pokryti@ctu.cz', { gap: 18 });
  paragraph(w, `Dne ${czechDate(input.generatedAt)}`, { colour: MUTED, gap: 14 });
  paragraph(w, 'Věc: Žádost o měření pokrytí mobilním signálem a o doplnění otevřeného seznamu bílých míst', { bold: true, size: 12, gap: 12 });
  paragraph(w, 'Vážení,');
  paragraph(
    w,
    `${input.kraj.nazev} ve spolupráci s obcemi a koordinátory Broadband Competence Office (MPO) shromáždil místa, kde mobilní signál nebo připojení k internetu nefunguje. Předáváme ${mobile.length} lokalit s problémy mobilního signálu (${reports} hlášení z ${obce} obcí). Každá lokalita je určena obcí a kódem obce, ORP, případně ZSJ nebo částí obce, přesným popisem místa, souřadnicemi v S-JTSK i WGS84 a popisem toho, co nefunguje (výpadky, nedovolání, nefunkční data).`,
  );
  paragraph(w, 'Žádáme o měření kvality signálu v uvedených lokalitách a o doplnění lokalit, u nichž měření nedostatečné pokrytí potvrdí, do otevřeného seznamu bílých míst.');
  if (fixed.length > 0) {
    paragraph(w, `Odděleně přikládáme ${fixed.length} lokalit s problémy pevného připojení k internetu (soubory je uvádějí s oblastí „Pevný internet“); ty prosíme postoupit k vyřízení podle kanálu pro kvalitu pevného připojení (mereni@ctu.cz).`);
  }
  paragraph(w, 'Přílohou je balíček dat (CSV pro Excel, GeoJSON a vrstvy GIS) se souborem manifest.json, který obsahuje kontrolní součty všech souborů. Popis souborů je v README.txt.');
  paragraph(w, 'S pozdravem', { gap: 2 });
  paragraph(w, `${input.contact.name}`, { bold: true, gap: 0 });
  paragraph(w, input.contact.function, { gap: 10 });

  newPage(w);
  paragraph(w, 'Souhrn podle ORP', { size: 13, bold: true, gap: 8 });
  table(
    w,
    ['ORP', 'Kód ČSÚ', 'Kód RÚIAN', 'Oblast', 'Lokality', 'Potvrzené', 'Hlášení', 'Obce', 'Obyvatelé'],
    [104, 48, 50, 72, 44, 52, 44, 34, 35],
    input.orpRows.map((r) => [r.nazev, r.kod, r.kodRuian ?? '', input.label(`enum.domain.${r.domain}`), String(r.localities), String(r.confirmed), String(r.reports), String(r.obce), String(r.inhabitants)]),
  );
  paragraph(w, 'Mapa lokalit', { size: 13, bold: true, gap: 8 });
  drawMap(w, input);

  newPage(w);
  paragraph(w, 'Lokality', { size: 13, bold: true, gap: 8 });
  // The letter lists what a clerk reads; every locality is in lokality.csv and the GIS layers.
  const listed = [...input.localities]
    .sort((a, b) => b.evidence.level - a.evidence.level || b.reports.length - a.reports.length || (a.id < b.id ? -1 : 1))
    .slice(0, PDF_TABLE_MAX_ROWS);
  if (listed.length < input.localities.length) {
    paragraph(w, `Uvedeno ${listed.length} z ${input.localities.length} lokalit (nejvyšší úroveň důkazů a nejvíce hlášení). Úplný seznam je v souboru lokality.csv a ve vrstvách GIS.`, { size: 9, colour: MUTED });
  }
  table(
    w,
    ['Lokalita', 'Obec (kód)', 'ORP', 'Popis', 'Co nefunguje', 'Operátoři', 'Hl.', 'Důk.', 'Stav'],
    [50, 74, 52, 104, 66, 52, 22, 26, 37],
    listed.map((l) => [
      l.localityId.slice(2, 10),
      l.place ? `${l.place.obec.nazev} (${l.place.obec.kod})` : '',
      l.place?.orp.nazev ?? '',
      l.description,
      l.failures.map((f) => input.label(`enum.failure.${f}`)).join(', '),
      l.operators.map((o) => input.label(`enum.operator.${o}`)).join(', '),
      String(l.reports.length),
      `${l.evidence.level}/4`,
      input.label(`review.status.${l.review.status}`),
    ]),
    7.5,
  );
  const pages = doc.getPages();
  pages.forEach((page, i) => page.drawText(`${input.kraj.nazev} · strana ${i + 1} z ${pages.length}`, { x: MARGIN, y: 28, size: 7.5, font: regular, color: MUTED }));
  return doc.save({ useObjectStreams: false });
}

/**
 * The letter's input as plain data that can be posted to a worker: the label function becomes the table of every
 * label the letter uses, and each locality keeps only what the letter reads (a tenth of the bytes to copy).
 */
export interface CoverLetterRequest extends Omit<CoverLetterInput, 'label'> {
  labels: Record<string, string>;
}

export function coverLetterRequest(input: CoverLetterInput): CoverLetterRequest {
  const { label } = input;
  const keys = [
    ...DOMAINS.map((code) => `enum.domain.${code}`),
    ...FAILURES.map((code) => `enum.failure.${code}`),
    ...OPERATOR_CHOICES.map((code) => `enum.operator.${code}`),
    ...LOCALITY_STATUSES.map((code) => `review.status.${code}`),
  ];
  return {
    kraj: input.kraj,
    contact: input.contact,
    generatedAt: input.generatedAt,
    orpRows: input.orpRows,
    outline: input.outline,
    fonts: input.fonts,
    labels: Object.fromEntries(keys.map((key) => [key, label(key)])),
    localities: input.localities.map((l) => ({
      id: l.id,
      localityId: l.localityId,
      domain: l.domain,
      place: l.place,
      description: l.description,
      failures: l.failures,
      operators: l.operators,
      centroid: l.centroid,
      evidence: { level: l.evidence.level },
      review: { status: l.review.status },
      reports: l.reports.map((r) => ({ place: r.place ? { obec: { kod: r.place.obec.kod } } : null })),
    })),
  };
}

/** The letter from a request (in a worker, or here): the same bytes as buildCoverLetterPdf with the same labels. */
export function buildCoverLetterPdfFromRequest(request: CoverLetterRequest): Promise<Uint8Array> {
  const { labels, ...input } = request;
  return buildCoverLetterPdf({ ...input, label: (key) => labels[key] ?? key });
}
