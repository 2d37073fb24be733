/**
 * zadost.docx: the covering letter as an editable Word document (the `docx` library), from the same content as
 * zadost.pdf (coverLetterContent.ts): the same paragraphs, tables and maps; the maps as PNG images rasterised from
 * the same drawings (rasterDrawing.ts); a table's header row repeats on every page. Free text is never cut here
 * (the whole description is editable). The bytes are made reproducible: fixed dates, media names and ids.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { coverLetterContent, type CoverLetterInput, type LetterBlock } from './coverLetterContent.ts';
import { rasterFonts, rasterizeDrawing } from './rasterDrawing.ts';

export const LETTER_DOCX_FILE_NAME = 'zadost.docx';

const TWIPS_PER_POINT = 20;
const PAGE = { width: 11906, height: 16838, margin: 56 * TWIPS_PER_POINT };
const FONT = 'DejaVu Sans';
const INK = '1A1F29';
const MUTED = '616673';

function runs(text: string, options: { bold?: boolean; size: number; colour: string }): TextRun[] {
  return text.split('\n').map(
    (line, i) =>
      new TextRun({
        text: line,
        bold: options.bold ?? false,
        size: Math.round(options.size * 2),
        color: options.colour,
        font: FONT,
        ...(i > 0 ? { break: 1 } : {}),
      }),
  );
}

function paragraphOf(block: Extract<LetterBlock, { kind: 'paragraph' }>): Paragraph {
  const size = block.size ?? (block.small ? 8.5 : 10.5);
  return new Paragraph({
    children: runs(block.text, { bold: block.bold ?? false, size, colour: block.muted ? MUTED : INK }),
    spacing: { after: Math.round((block.gapAfter ?? 6) * TWIPS_PER_POINT) },
  });
}

function tableOf(block: Extract<LetterBlock, { kind: 'table' }>): Table {
  const total = PAGE.width - 2 * PAGE.margin;
  const weights = block.columns.reduce((s, c) => s + c.weight, 0);
  const widths = block.columns.map((c) => Math.round((c.weight / weights) * total));
  const border = { style: BorderStyle.SINGLE, size: 2, color: 'A0A4AD' };
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i]!, type: WidthType.DXA },
      margins: { top: 40, bottom: 40, left: 60, right: 60 },
      ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EDEFF4' } } : {}),
      children: [
        new Paragraph({
          alignment: !header && block.columns[i]!.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: runs(text, { bold: header, size: block.size, colour: INK }),
        }),
      ],
    });
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: block.columns.map((c, i) => cell(c.header, i, true)) }),
      ...block.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text, i) => cell(text, i, false)) })),
    ],
  });
}

/**
 * The ZIP as docx writes it, made reproducible: the creation and modification dates set to generated-at, the
 * images named in order, drawing ids numbered in order, and every entry stored with the same time.
 */
function reproducible(bytes: Uint8Array, generatedAt: string): Uint8Array {
  const files = unzipSync(bytes);
  const date = `${generatedAt.slice(0, 19)}Z`;
  const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
  const documentXml = strFromU8(files['word/document.xml'] ?? new Uint8Array(0));
  const rels = strFromU8(files['word/_rels/document.xml.rels'] ?? new Uint8Array(0));
  // Media in the order the document uses them (through the relationship ids).
  const order = (name: string) => {
    const rel = new RegExp(`Id="([^"]+)"[^>]*Target="media/${name.slice('word/media/'.length).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).exec(rels);
    return rel ? documentXml.indexOf(`"${rel[1]}"`) : Infinity;
  };
  const renames = media
    .sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1))
    .map((name, i) => [name.slice('word/'.length), `media/image${i + 1}.png`] as const);
  const out: Zippable = {};
  for (const [name, content] of Object.entries(files)) {
    let target = name;
    let data = content;
    if (name.endsWith('.xml') || name.endsWith('.rels')) {
      let text = strFromU8(content);
      text = text.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${date}$2`);
      for (const [from, to] of renames) text = text.split(from).join(`${to}#renamed`);
      text = text.split('#renamed').join('');
      let id = 0;
      text = text.replace(/(<wp:docPr id=")\d+(")/g, (_whole, a: string, b: string) => `${a}${++id}${b}`);
      data = strToU8(text);
    }
    for (const [from, to] of renames) if (name === `word/${from}`) target = `word/${to}`;
    out[target] = [data, { mtime: new Date(date), level: name.startsWith('word/media/') ? 0 : 6 }];
  }
  return zipSync(out);
}

export async function buildCoverLetterDocx(input: CoverLetterInput): Promise<Uint8Array> {
  const content = coverLetterContent(input);
  const fonts = rasterFonts(input.fonts);
  const children: Array<Paragraph | Table> = [];
  let pendingBreak = false;
  const pushParagraph = (paragraph: Paragraph) => children.push(paragraph);
  for (const block of content.blocks) {
    if (block.kind === 'pageBreak') {
      pendingBreak = children.length > 0;
      continue;
    }
    if (pendingBreak) {
      pushParagraph(new Paragraph({ pageBreakBefore: true, children: [] }));
      pendingBreak = false;
    }
    if (block.kind === 'heading')
      pushParagraph(new Paragraph({ keepNext: true, spacing: { before: 120, after: 160 }, children: runs(block.text, { bold: true, size: 13, colour: INK }) }));
    else if (block.kind === 'paragraph') pushParagraph(paragraphOf(block));
    else if (block.kind === 'table') {
      children.push(tableOf(block));
      pushParagraph(new Paragraph({ spacing: { after: 200 }, children: [] }));
    } else {
      const image = rasterizeDrawing(block.drawing, fonts);
      // Shown at the drawing's size in points (docx takes pixels at 96 per inch).
      pushParagraph(
        new Paragraph({
          keepNext: true,
          children: [
            new ImageRun({
              type: 'png',
              data: image.png,
              transformation: { width: Math.round((block.drawing.width * 96) / 72), height: Math.round((block.drawing.height * 96) / 72) },
              altText: { name: block.alt, title: block.alt, description: block.caption },
            }),
          ],
        }),
      );
      pushParagraph(paragraphOf({ kind: 'paragraph', text: block.caption, small: true, muted: true, size: 8, gapAfter: 12 }));
    }
  }
  // The footer's page numbers are fields Word and LibreOffice fill in.
  const footerText = content.footer('\u0001', '\u0002');
  const [before = '', middle = '', after = ''] = footerText.split(/\u0001|\u0002/);
  const footerRuns: ParagraphChild[] = [
    new TextRun({ text: before, size: 15, color: MUTED, font: FONT }),
    new TextRun({ children: [PageNumber.CURRENT], size: 15, color: MUTED, font: FONT }),
    new TextRun({ text: middle, size: 15, color: MUTED, font: FONT }),
    new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 15, color: MUTED, font: FONT }),
    new TextRun({ text: after, size: 15, color: MUTED, font: FONT }),
  ];
  const document = new Document({
    title: content.title,
    subject: content.subject,
    creator: content.author,
    lastModifiedBy: content.author,
    description: content.subject,
    styles: { default: { document: { run: { font: FONT, size: 21, color: INK } } } },
    sections: [
      {
        properties: {
          page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } },
        },
        footers: { default: new Footer({ children: [new Paragraph({ children: footerRuns })] }) },
        children,
      },
    ],
  });
  return reproducible(new Uint8Array(await Packer.toArrayBuffer(document)), input.generatedAt);
}
