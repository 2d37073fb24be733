import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildCoverLetterDocx } from '../../../src/core/ctuPackage/coverLetterDocx.ts';
import { buildCoverLetterFromRequest } from '../../../src/core/ctuPackage/coverLetterFiles.ts';
import { coverLetterContent } from '../../../src/core/ctuPackage/coverLetterContent.ts';
import { coverLetterRequest } from '../../../src/core/ctuPackage/coverLetterPdf.ts';
import { labelIn } from '../../../src/i18n/translate.ts';
import { coverLetterInput } from '../../support/coverLetterInput.ts';

const input = {
  ...coverLetterInput({ count: 20, seed: 4, label: labelIn('cs'), confirmed: 2 }),
  settings: {
    addressee: { name: 'Český telekomunikační úřad', address: ['Sokolovská 58/219', '190 00 Praha 9'], dataBox: 'a9qaats', email: 'pokryti@ctu.cz' },
    sender: { name: 'Krajský úřad Karlovarského kraje', address: ['Závodní 353/88'], dataBox: '', email: '' },
    reference: 'KK/77/26',
    place: 'Karlovy Vary',
  },
};

/** The text of each paragraph of word/document.xml, in order. */
function paragraphs(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))
    .filter(Boolean);
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('zadost.docx', () => {
  it('holds the same paragraphs, table cells and maps as the PDF’s content, the maps as PNG images', async () => {
    const bytes = await buildCoverLetterDocx(input);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toContain('word/document.xml');
    const xml = strFromU8(files['word/document.xml']!);
    const texts = paragraphs(xml).map(decode);
    const content = coverLetterContent(input);
    for (const block of content.blocks) {
      if (block.kind === 'paragraph' && block.text.trim()) expect(texts, block.text).toContain(block.text.replace(/\n/g, ''));
      if (block.kind === 'heading') expect(texts).toContain(block.text);
      if (block.kind === 'table') {
        for (const column of block.columns) expect(texts).toContain(column.header);
        for (const row of block.rows) for (const cell of row) if (cell) expect(texts, cell).toContain(cell.replace(/\n/g, ''));
      }
      if (block.kind === 'map') expect(texts).toContain(block.caption);
    }
    expect(texts).toContain('Č. j.: KK/77/26');
    expect(texts).toContain('Karlovy Vary 25. 11. 2026');
    expect(texts).toContain('ID datové schránky: a9qaats');
    // One image per map (the kraj map and the 2 confirmed localities), each a real PNG with a map's size.
    const maps = content.blocks.filter((b) => b.kind === 'map').length;
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
    expect(maps).toBe(3);
    expect(media.sort()).toEqual(['word/media/image1.png', 'word/media/image2.png', 'word/media/image3.png']);
    for (const name of media) {
      const png = files[name]!;
      expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      const view = new DataView(png.buffer, png.byteOffset);
      expect(view.getUint32(16)).toBeGreaterThan(1000); // width in pixels (180 dpi)
      expect(png.length).toBeGreaterThan(5000); // not blank: borders, labels, markers
    }
    // The table's header row repeats on each page; the footer numbers the pages.
    expect(xml).toContain('<w:tblHeader/>');
    const footer = Object.entries(files).find(([name]) => /^word\/footer\d*\.xml$/.test(name))!;
    expect(strFromU8(footer[1])).toContain('NUMPAGES');
    expect(strFromU8(files['docProps/core.xml']!)).toContain('2026-11-25T10:00:00Z');
  });

  it('gives the same bytes twice and through a worker request', async () => {
    const a = await buildCoverLetterDocx(input);
    const b = await buildCoverLetterFromRequest({ ...coverLetterRequest(input), format: 'docx' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
