import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCoverLetterPdf, buildCoverLetterPdfFromRequest, coverLetterRequest, type CoverLetterInput } from '../../../src/core/ctuPackage/coverLetterPdf.ts';
import { coverLetterContent } from '../../../src/core/ctuPackage/coverLetterContent.ts';
import { DEFAULT_LETTER_SETTINGS } from '../../../src/core/ctuPackage/letterSettings.ts';
import { coverLetterInput } from '../../support/coverLetterInput.ts';
import { labelIn } from '../../../src/i18n/translate.ts';
import { cs } from '../../../src/i18n/cs.ts';

const label = labelIn('cs');
const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const popplerMissing = !has('pdftotext');
if (popplerMissing) console.warn('poppler-utils (pdftotext) not installed: the letter text checks are skipped');

const LONG_DESCRIPTION = Array.from({ length: 60 }, (_, i) => `úsek${i} silnice mezi obcemi bez signálu`).join(' ');

/**
 * 30 demo reports, 4 localities confirmed; the first one made the hard case: two obce, every operator, a
 * description far longer than its cell, a note for ČTÚ, a stable number and urgent priority.
 */
function hardInput(settings?: CoverLetterInput['settings']): CoverLetterInput {
  const base = coverLetterInput({ count: 30, seed: 3, label, confirmed: 4 });
  const [first, ...rest] = base.localities;
  const special = {
    ...first!,
    number: 'KV-2026-0042',
    obce: [
      { kod: '506486', nazev: 'Boží Dar' },
      { kod: '555215', nazev: 'Jáchymov' },
    ],
    priority: 'urgent' as const,
    ctuNotes: ['Měřit v pracovní dny ráno'],
    description: LONG_DESCRIPTION,
    operators: ['all', 'tmobile', 'o2', 'vodafone', 'nordic', 'poda', 'nordic5g'],
    review: { ...first!.review, status: 'confirmed' as const },
  };
  // The hard case leads the table: no other locality is urgent (the table puts confirmed and urgent first).
  const others = rest.map((l, i) => ({
    ...l,
    number: l.number || `KV-2026-${String(i + 1).padStart(4, '0')}`,
    priority: l.priority === 'urgent' ? ('high' as const) : l.priority,
  }));
  return { ...base, localities: [special, ...others], ...(settings ? { settings } : {}) };
}

function pdfText(bytes: Uint8Array, layout = true): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hm-letter-'));
  const file = path.join(dir, 'zadost.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
}

describe('zadost.pdf', () => {
  const input = hardInput();
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await buildCoverLetterPdf(input);
  });

  it('is an A4 PDF with the letter, the ORP summary, the maps and the locality table', async () => {
    const doc = await PDFDocument.load(bytes);
    // Letter, ORP summary with the kraj map, the table, the 4 confirmed localities' maps (two a page).
    expect(doc.getPageCount()).toBeGreaterThanOrEqual(5);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe('Žádost o měření – Karlovarský kraj');
  });

  it('gives the same bytes for the same input and generated-at, here and through a worker request', async () => {
    expect(Buffer.from(await buildCoverLetterPdf(input)).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(await buildCoverLetterPdfFromRequest(coverLetterRequest(input))).equals(Buffer.from(bytes))).toBe(true);
  });

  it.skipIf(popplerMissing)('addresses ČTÚ by default: postal address and data box', () => {
    const text = pdfText(bytes);
    for (const line of ['Český telekomunikační úřad', 'Sokolovská 58/219', '190 00 Praha 9', 'ID datové schránky: a9qaats', 'pokryti@ctu.cz'])
      expect(text).toContain(line);
  });

  it.skipIf(popplerMissing)('breaks table headers only at spaces: every header word stands whole', () => {
    const text = pdfText(bytes);
    const headers = [...cs['letter.columns'].split('|'), ...cs['letter.orpColumns'].split('|')];
    for (const word of headers.flatMap((h) => h.trim().split(/\s+/))) expect(text, word).toContain(word);
    expect(text).not.toMatch(/Potvrze\s*\n/);
  });

  it.skipIf(popplerMissing)('shows the number, every obec, priority, status, every operator and the note; cuts the long description with "…"', () => {
    const text = pdfText(bytes, false).replace(/\s+/g, ' ');
    expect(text).toContain('KV-2026-0042');
    expect(text).toMatch(/Boží Dar \(506486\), Jáchymov \(555215\)/);
    expect(text).toContain('naléhavá');
    for (const operator of ['Všichni operátoři', 'T-Mobile', 'O2', 'Vodafone', 'PODA', 'Nordic Telecom 5G']) expect(text, operator).toContain(operator);
    expect(text).toMatch(/…/);
    expect(text).not.toContain('úsek59');
    // The note for ČTÚ is in the cell after the description (cut or not, it is under it in the table's row).
    const content = coverLetterContent(input);
    const table = content.blocks.find((b) => b.kind === 'table' && b.columns.length === 11);
    expect(table?.kind === 'table' && table.rows[0]![4]).toContain('Poznámka pro ČTÚ: Měřit v pracovní dny ráno');
  });

  it.skipIf(popplerMissing)('says how many localities are confirmed and how many unreviewed, with Czech plurals', () => {
    const text = pdfText(bytes, false).replace(/\s+/g, ' ');
    const total = input.localities.length;
    expect(text).toContain(`Stav posouzení ${total} lokalit v balíčku: 4 potvrdil koordinátor kraje, ${total - 4} dosud nebylo posouzeno`);
    expect(text).toMatch(/Předáváme \d+ lokalit s problémy mobilního signálu/);
  });

  it.skipIf(popplerMissing)('takes another addressee, sender, č. j. and place from the settings', async () => {
    const changed = hardInput({
      addressee: { name: 'Ministerstvo průmyslu a obchodu', address: ['Na Františku 32', '110 15 Praha 1'], dataBox: 'bxtaaw4', email: '' },
      sender: { name: 'Krajský úřad Karlovarského kraje', address: ['Závodní 353/88', '360 06 Karlovy Vary'], dataBox: 'siqbxt2', email: '' },
      reference: 'KK/1234/RR/26',
      place: 'Karlovy Vary',
    });
    const text = pdfText(await buildCoverLetterPdf(changed));
    for (const line of [
      'Ministerstvo průmyslu a obchodu',
      'Na Františku 32',
      'ID datové schránky: bxtaaw4',
      'Krajský úřad Karlovarského kraje',
      'Závodní 353/88',
      'ID datové schránky: siqbxt2',
      'Č. j.: KK/1234/RR/26',
      'Karlovy Vary 25. 11. 2026',
    ]) {
      expect(text, line).toContain(line);
    }
    expect(text).not.toContain('Sokolovská 58/219');
    expect(DEFAULT_LETTER_SETTINGS.addressee.dataBox).toBe('a9qaats');
  });
});

describe('the letter’s maps', () => {
  it('number the localities as in the table, name the ORP and draw a detail map per confirmed locality', () => {
    const input = hardInput();
    const content = coverLetterContent(input);
    const maps = content.blocks.filter((b) => b.kind === 'map');
    // The kraj map and one per confirmed locality (4).
    expect(maps).toHaveLength(5);
    const overview = maps[0]!.kind === 'map' ? maps[0]!.drawing : null;
    const texts = overview!.items.flatMap((item) => (item.kind === 'text' ? [item.text] : []));
    for (const orp of ['Aš', 'Cheb', 'Karlovy Vary', 'Kraslice', 'Mariánské Lázně', 'Ostrov', 'Sokolov']) expect(texts).toContain(orp);
    for (let row = 1; row <= input.localities.length; row++) expect(texts).toContain(String(row));
    const detail = maps[1]!.kind === 'map' ? maps[1]!.drawing : null;
    const detailTexts = detail!.items.flatMap((item) => (item.kind === 'text' ? [item.text] : []));
    expect(detailTexts).toContain('č. 1 · KV-2026-0042');
    expect(detailTexts.some((t) => /^\d+(,\d+)? (m|km)$/.test(t))).toBe(true);
  });

  it('with many localities, keep the kraj map unnumbered and add one numbered map per ORP', () => {
    const input = coverLetterInput({ count: 120, seed: 5, label, confirmed: 0 });
    const content = coverLetterContent(input);
    const headings = content.blocks.flatMap((b) => (b.kind === 'heading' ? [b.text] : []));
    const orpMaps = headings.filter((h) => h.startsWith('ORP '));
    expect(orpMaps.length).toBeGreaterThanOrEqual(5);
    expect(orpMaps.some((h) => /^ORP Cheb: \d+ lokalit(a|y)?$/.test(h))).toBe(true);
    expect(content.blocks.some((b) => b.kind === 'paragraph' && b.text.startsWith('Žádná lokalita v balíčku zatím není potvrzená'))).toBe(true);
  });
});
