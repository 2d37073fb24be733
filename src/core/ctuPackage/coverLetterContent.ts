/**
 * What the covering letter says, once, as blocks (headings, paragraphs, tables, maps): coverLetterPdf.ts lays
 * them out on A4 pages, coverLetterDocx.ts writes them as an editable Word document, so the two carry the same
 * content. Every sentence comes from the message catalogue through `label` (Czech, with real plural forms).
 */
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { Drawing } from './letterDrawing.ts';
import { detailDrawing, overviewDrawing, type MapArea, type MapLocality } from './letterMaps.ts';
import { DEFAULT_LETTER_SETTINGS, type LetterSettings } from './letterSettings.ts';
import type { PackageLocality } from './packageLocalities.ts';
import type { Label, OrpSummaryRow } from './packageTables.ts';

/** What the letter reads of a locality (a PackageLocality is one); a worker is sent only this. */
export type CoverLetterLocality = Pick<
  PackageLocality,
  'id' | 'localityId' | 'number' | 'obce' | 'priority' | 'ctuNotes' | 'domain' | 'place' | 'description' | 'failures' | 'operators' | 'centroid'
> & {
  evidence: Pick<PackageLocality['evidence'], 'level'>;
  review: Pick<PackageLocality['review'], 'status'>;
  reports: ReadonlyArray<{ place: { obec: { kod: string } } | null; geometry: Geometry }>;
};

export interface CoverLetterInput {
  kraj: { nuts3: string; nazev: string };
  /** Who at the kraj sends the package and answers questions. */
  contact: { name: string; function: string; email: string; phone: string };
  /** Addressee, sender's office, č. j. and place (defaults: ČTÚ's postal address and data box). */
  settings?: LetterSettings;
  generatedAt: string;
  localities: readonly CoverLetterLocality[];
  orpRows: readonly OrpSummaryRow[];
  /** The kraj's outline for the map (WGS84). */
  outline: Polygon | MultiPolygon | null;
  /** ORP of the kraj (display geometry) for the maps' borders and names; without them the maps show the outline only. */
  orp?: readonly MapArea[];
  /** Obce of the kraj (display geometry) for the detail maps' borders and names. */
  obce?: readonly MapArea[];
  fonts: { regular: Uint8Array; bold: Uint8Array };
  label: Label;
}

/** At most this many localities in the letter's table (about 15 pages); all of them are in lokality.csv. */
export const LETTER_TABLE_MAX_ROWS = 300;
/** At most this many detail maps (two a page); every locality's geometry is in the GIS layers. */
export const LETTER_DETAIL_MAX_MAPS = 60;
/** Above this many localities the kraj map shows dots, and one map per ORP carries the numbers. */
export const LETTER_NUMBERED_OVERVIEW_MAX = 30;
/** The content width of an A4 page with the letter's margins, in points. */
export const LETTER_CONTENT_WIDTH = 595.28 - 2 * 56;

export interface LetterColumn {
  header: string;
  /** Share of the table's width; widened where the header's longest word would not fit. */
  weight: number;
  /** Lines a cell may take; more are cut and end with "…" (only free text is cut, never codes or operators). */
  maxLines?: number;
  align?: 'left' | 'right';
}

export type LetterBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string; bold?: boolean; muted?: boolean; small?: boolean; size?: number; gapAfter?: number }
  | { kind: 'table'; columns: LetterColumn[]; rows: string[][]; size: number }
  | { kind: 'map'; drawing: Drawing; caption: string; alt: string }
  | { kind: 'pageBreak' };

export interface LetterDocument {
  title: string;
  subject: string;
  author: string;
  blocks: LetterBlock[];
  /** Footer of page `page` of `pages`. */
  footer(page: number | string, pages: number | string): string;
}

/** The message keys the letter uses (besides the enumerations'), so a worker can be sent their templates. */
export const LETTER_MESSAGE_KEYS = [
  'letter.title',
  'letter.subjectMeta',
  'letter.dataBox',
  'letter.email',
  'letter.phone',
  'letter.reference',
  'letter.handledBy',
  'letter.placeDate',
  'letter.date',
  'letter.subject',
  'letter.salutation',
  'letter.intro',
  'letter.handover',
  'letter.reviewState',
  'letter.describes',
  'letter.request',
  'letter.fixed',
  'letter.attachments',
  'letter.closing',
  'letter.orpTitle',
  'letter.orpColumns',
  'letter.mapTitle',
  'letter.mapCaption',
  'letter.mapCaptionUnnumbered',
  'letter.orpMapTitle',
  'letter.orpMapCaption',
  'letter.tableTitle',
  'letter.tableCut',
  'letter.tableExplain',
  'letter.columns',
  'letter.ctuNote',
  'letter.detailTitle',
  'letter.detailExplain',
  'letter.detailCaption',
  'letter.detailMapTitle',
  'letter.detailCut',
  'letter.noConfirmed',
  'letter.footer',
] as const;

const CONFIRMED = new Set(['confirmed', 'sentToCtu', 'measuredByCtu', 'resolved']);
const UNREVIEWED = new Set(['new', 'inReview']);
const PRIORITY_ORDER = { urgent: 0, high: 1, normal: 2, low: 3 } as const;

function czechDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${Number(d)}. ${Number(m)}. ${y}`;
}

/** The localities in the table's order (confirmed first, then by priority, evidence, reports), numbered from 1. */
export function letterRows(localities: readonly CoverLetterLocality[]): CoverLetterLocality[] {
  return [...localities].sort(
    (a, b) =>
      Number(CONFIRMED.has(b.review.status)) - Number(CONFIRMED.has(a.review.status)) ||
      PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority] ||
      b.evidence.level - a.evidence.level ||
      b.reports.length - a.reports.length ||
      (a.number < b.number ? -1 : a.number > b.number ? 1 : a.id < b.id ? -1 : 1),
  );
}

/** The headers of a table from one message ("A | B | C"), exactly `count` of them whatever the catalogue gives. */
const splitColumns = (text: string, count: number) => {
  const headers = text.split('|').map((s) => s.trim());
  return Array.from({ length: count }, (_, i) => headers[i] ?? '');
};

export function coverLetterContent(input: CoverLetterInput): LetterDocument {
  const { label } = input;
  const settings = input.settings ?? DEFAULT_LETTER_SETTINGS;
  const senderName = settings.sender.name || input.kraj.nazev;
  const mobile = input.localities.filter((l) => l.domain === 'mobile');
  const fixed = input.localities.filter((l) => l.domain === 'fixed');
  const reports = mobile.reduce((s, l) => s + l.reports.length, 0);
  const obce = new Set(mobile.flatMap((l) => l.reports.map((r) => r.place?.obec.kod).filter(Boolean))).size;
  const confirmed = input.localities.filter((l) => CONFIRMED.has(l.review.status)).length;
  const unreviewed = input.localities.filter((l) => UNREVIEWED.has(l.review.status)).length;
  const blocks: LetterBlock[] = [];
  const p = (text: string, options: Omit<Extract<LetterBlock, { kind: 'paragraph' }>, 'kind' | 'text'> = {}) => {
    if (text.trim() !== '') blocks.push({ kind: 'paragraph', text, ...options });
  };

  // Sender and addressee.
  p(senderName, { bold: true, size: 13, gapAfter: 2 });
  for (const line of settings.sender.address) p(line, { muted: true, gapAfter: 0 });
  if (settings.sender.dataBox) p(label('letter.dataBox', { id: settings.sender.dataBox }), { muted: true, gapAfter: 0 });
  p([input.contact.name, input.contact.function].filter(Boolean).join(', '), { muted: true, gapAfter: 0 });
  p([input.contact.email || settings.sender.email, input.contact.phone].filter(Boolean).join(' · '), { muted: true, gapAfter: 0 });
  blocks.push({ kind: 'paragraph', text: ' ', gapAfter: 10 });
  p(settings.addressee.name, { bold: true, gapAfter: 0 });
  for (const line of settings.addressee.address) p(line, { gapAfter: 0 });
  if (settings.addressee.dataBox) p(label('letter.dataBox', { id: settings.addressee.dataBox }), { gapAfter: 0 });
  if (settings.addressee.email) p(label('letter.email', { email: settings.addressee.email }), { gapAfter: 0 });
  blocks.push({ kind: 'paragraph', text: ' ', gapAfter: 10 });
  if (settings.reference) p(label('letter.reference', { reference: settings.reference }), { muted: true, gapAfter: 0 });
  if (input.contact.name) p(label('letter.handledBy', { name: input.contact.name }), { muted: true, gapAfter: 0 });
  const date = czechDate(input.generatedAt);
  p(settings.place ? label('letter.placeDate', { place: settings.place, date }) : label('letter.date', { date }), { muted: true, gapAfter: 14 });

  // The letter.
  p(label('letter.subject'), { bold: true, size: 12, gapAfter: 12 });
  p(label('letter.salutation'));
  p(`${label('letter.intro', { kraj: input.kraj.nazev })} ${label('letter.handover', { localities: mobile.length, reports, obce })}`);
  p(label('letter.reviewState', { total: input.localities.length, confirmed, unreviewed, other: input.localities.length - confirmed - unreviewed }));
  p(label('letter.describes'));
  p(label('letter.request'));
  if (fixed.length > 0) p(label('letter.fixed', { count: fixed.length }));
  p(label('letter.attachments'));
  p(label('letter.closing'), { gapAfter: 2 });
  p(input.contact.name, { bold: true, gapAfter: 0 });
  p(input.contact.function, { gapAfter: 10 });

  // The ORP summary and the kraj's map.
  blocks.push({ kind: 'pageBreak' });
  blocks.push({ kind: 'heading', text: label('letter.orpTitle') });
  const orpHeaders = splitColumns(label('letter.orpColumns'), 9);
  blocks.push({
    kind: 'table',
    size: 8,
    columns: orpHeaders.map((header, i) => ({ header, weight: [104, 48, 50, 72, 44, 52, 44, 34, 35][i] ?? 40, align: i >= 4 ? 'right' : 'left' })),
    rows: input.orpRows.map((r) => [
      r.nazev,
      r.kod,
      r.kodRuian ?? '',
      label(`enum.domain.${r.domain}`),
      String(r.localities),
      String(r.confirmed),
      String(r.reports),
      String(r.obce),
      r.inhabitants.toLocaleString('cs-CZ'),
    ]),
  });

  const ordered = letterRows(input.localities);
  const listed = ordered.slice(0, LETTER_TABLE_MAX_ROWS);
  const rowOf = new Map(listed.map((l, i) => [l.id, i + 1]));
  const mapLocalities: MapLocality[] = ordered.map((l) => ({
    row: rowOf.get(l.id) ?? null,
    lon: l.centroid.lon,
    lat: l.centroid.lat,
    level: l.evidence.level,
    orpKod: l.place?.orp.kod ?? null,
    geometries: l.reports.map((r) => r.geometry),
  }));
  const orpAreas = input.orp ?? [];
  const numbered = listed.length <= LETTER_NUMBERED_OVERVIEW_MAX;
  blocks.push({ kind: 'heading', text: label('letter.mapTitle') });
  blocks.push({
    kind: 'map',
    drawing: overviewDrawing({ outline: input.outline, orp: orpAreas, localities: mapLocalities, width: LETTER_CONTENT_WIDTH, height: 330, numbered }),
    caption: numbered ? label('letter.mapCaption') : label('letter.mapCaptionUnnumbered', { count: input.localities.length }),
    alt: label('letter.mapTitle'),
  });
  if (!numbered) {
    const withLocalities = orpAreas.filter((orp) => mapLocalities.some((l) => l.orpKod === orp.kod));
    for (const orp of withLocalities) {
      const count = mapLocalities.filter((l) => l.orpKod === orp.kod).length;
      const orpObce = (input.obce ?? []).filter((o) => ringsTouch(o.geometry, orp.geometry));
      blocks.push({ kind: 'heading', text: label('letter.orpMapTitle', { nazev: orp.nazev, count }) });
      blocks.push({
        kind: 'map',
        drawing: overviewDrawing({
          outline: null,
          orp: orpAreas,
          localities: mapLocalities,
          width: LETTER_CONTENT_WIDTH,
          height: 330,
          numbered: true,
          focus: { orp, obce: orpObce },
        }),
        caption: label('letter.orpMapCaption'),
        alt: label('letter.orpMapTitle', { nazev: orp.nazev, count }),
      });
    }
  }

  // The table.
  blocks.push({ kind: 'pageBreak' });
  blocks.push({ kind: 'heading', text: label('letter.tableTitle') });
  if (listed.length < input.localities.length)
    p(label('letter.tableCut', { listed: listed.length, total: input.localities.length }), { small: true, muted: true });
  p(label('letter.tableExplain'), { small: true, muted: true });
  const weights = [16, 50, 70, 42, 104, 56, 50, 30, 30, 34, 40];
  const headers = splitColumns(label('letter.columns'), weights.length);
  blocks.push({
    kind: 'table',
    size: 7,
    columns: headers.map((header, i) => ({
      header,
      weight: weights[i] ?? 30,
      ...(i === 4 ? { maxLines: 8 } : {}),
      ...(i === 0 || i === 7 ? { align: 'right' as const } : {}),
    })),
    rows: listed.map((l, i) => [
      String(i + 1),
      l.number,
      (l.obce.length > 0 ? l.obce : l.place ? [l.place.obec] : []).map((o) => `${o.nazev} (${o.kod})`).join(', '),
      l.place?.orp.nazev ?? '',
      [l.description, ...l.ctuNotes.map((text) => label('letter.ctuNote', { text }))].join('\n'),
      l.failures.map((f) => label(`enum.failure.${f}`)).join(', '),
      l.operators.map((o) => label(`enum.operator.${o}`)).join(', '),
      String(l.reports.length),
      `${l.evidence.level}/4`,
      label(`review.priority.${l.priority}`),
      label(`review.status.${l.review.status}`),
    ]),
  });

  // A detail map for each confirmed locality.
  const confirmedRows = listed.filter((l) => CONFIRMED.has(l.review.status));
  blocks.push({ kind: 'pageBreak' });
  blocks.push({ kind: 'heading', text: label('letter.detailTitle') });
  if (confirmedRows.length === 0) p(label('letter.noConfirmed'));
  else p(label('letter.detailExplain'), { small: true, muted: true });
  if (confirmedRows.length > LETTER_DETAIL_MAX_MAPS)
    p(label('letter.detailCut', { shown: LETTER_DETAIL_MAX_MAPS, total: confirmedRows.length }), { small: true, muted: true });
  for (const l of confirmedRows.slice(0, LETTER_DETAIL_MAX_MAPS)) {
    const row = rowOf.get(l.id)!;
    const obceNames = (l.obce.length > 0 ? l.obce : l.place ? [l.place.obec] : []).map((o) => o.nazev).join(', ');
    blocks.push({
      kind: 'map',
      drawing: detailDrawing({
        locality: mapLocalities[ordered.indexOf(l)]!,
        title: label('letter.detailMapTitle', { row, number: l.number }),
        obce: input.obce ?? [],
        ownObce: new Set(l.obce.map((o) => o.kod)),
        width: LETTER_CONTENT_WIDTH,
        height: 300,
      }),
      caption: label('letter.detailCaption', { row, number: l.number, obce: obceNames, reports: l.reports.length }),
      alt: label('letter.detailMapTitle', { row, number: l.number }),
    });
  }

  return {
    title: label('letter.title', { kraj: input.kraj.nazev }),
    subject: label('letter.subjectMeta'),
    author: senderName,
    blocks,
    footer: (page, pages) => label('letter.footer', { kraj: senderName, page, pages }),
  };
}

/** Whether two areas' bounding boxes overlap (the obce drawn in an ORP's overview). */
function ringsTouch(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): boolean {
  const box = (g: Polygon | MultiPolygon) => {
    const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
    let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const ring of rings)
      for (const [x, y] of ring as Array<[number, number]>) [w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
    return [w, s, e, n];
  };
  const [aw, as, ae, an] = box(a);
  const [bw, bs, be, bn] = box(b);
  return aw! <= be! && bw! <= ae! && as! <= bn! && bs! <= an!;
}
