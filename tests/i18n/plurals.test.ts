/**
 * Every count in the catalogue with its real plural forms: the forms 1, 2, 5 and 1.5 of each counted noun in
 * Czech (one / few / other / many) and English (one / other).
 */
import { describe, expect, test } from 'vitest';
import { pluralParameters } from '../../src/core/text/formatMessage.ts';
import { cs } from '../../src/i18n/cs.ts';
import { en } from '../../src/i18n/en.ts';
import { translate, type MessageKey } from '../../src/i18n/translate.ts';

/** key, the counted parameter, other parameters, and the expected text for 1, 2, 5, 1.5 in cs and en. */
const NOUNS: Array<{
  key: MessageKey;
  count: string;
  params?: Record<string, string | number>;
  cs: [string, string, string, string];
  en: [string, string, string, string];
}> = [
  {
    key: 'region.counts',
    count: 'obce',
    params: { orp: 7 },
    cs: ['1 obec, 7 ORP', '2 obce, 7 ORP', '5 obcí, 7 ORP', '1,5 obce, 7 ORP'],
    en: ['1 municipality, 7 ORP', '2 municipalities, 7 ORP', '5 municipalities, 7 ORP', '1.5 municipalities, 7 ORP'],
  },
  {
    key: 'localities.addressPoints',
    count: 'count',
    cs: ['1 adr. místo', '2 adr. místa', '5 adr. míst', '1,5 adr. místa'],
    en: ['1 address point', '2 address points', '5 address points', '1.5 address points'],
  },
  {
    key: 'locality.facts',
    count: 'obce',
    params: { reports: 3 },
    cs: ['3 hlášení na území 1 obce', '3 hlášení na území 2 obcí', '3 hlášení na území 5 obcí', '3 hlášení na území 1,5 obce'],
    en: ['3 reports from 1 municipality', '3 reports from 2 municipalities', '3 reports from 5 municipalities', '3 reports from 1.5 municipalities'],
  },
  {
    key: 'coordinator.analysed',
    count: 'localities',
    params: { reports: 9, total: 10 },
    cs: ['9 z 10 hlášení, 1 lokalita', '9 z 10 hlášení, 2 lokality', '9 z 10 hlášení, 5 lokalit', '9 z 10 hlášení, 1,5 lokality'],
    en: ['9 of 10 reports, 1 locality', '9 of 10 reports, 2 localities', '9 of 10 reports, 5 localities', '9 of 10 reports, 1.5 localities'],
  },
  {
    key: 'orpTable.behind',
    count: 'reporters',
    params: { obce: 1 },
    cs: ['1 obec, 1 ohlaš.', '1 obec, 2 ohlaš.', '1 obec, 5 ohlaš.', '1 obec, 1,5 ohlaš.'],
    en: ['1 municip., 1 reporter', '1 municip., 2 reporters', '1 municip., 5 reporters', '1 municip., 1.5 reporters'],
  },
  {
    key: 'coordinator.tooltip.more',
    count: 'inhabitants',
    params: { localities: 1 },
    cs: ['1 lokalita, 1 dotčený obyvatel', '1 lokalita, 2 dotčení obyvatelé', '1 lokalita, 5 dotčených obyvatel', '1 lokalita, 1,5 dotčeného obyvatele'],
    en: [
      '1 locality, 1 inhabitant affected',
      '1 locality, 2 inhabitants affected',
      '1 locality, 5 inhabitants affected',
      '1 locality, 1.5 inhabitants affected',
    ],
  },
  {
    key: 'coordinator.tooltip.reports',
    count: 'reporters',
    params: { count: 4, obce: 2 },
    cs: [
      '4 hlášení na území 2 obcí, 1 ohlašovatel',
      '4 hlášení na území 2 obcí, 2 ohlašovatelé',
      '4 hlášení na území 2 obcí, 5 ohlašovatelů',
      '4 hlášení na území 2 obcí, 1,5 ohlašovatele',
    ],
    en: [
      '4 reports from 2 municipalities, 1 reporter',
      '4 reports from 2 municipalities, 2 reporters',
      '4 reports from 2 municipalities, 5 reporters',
      '4 reports from 2 municipalities, 1.5 reporters',
    ],
  },
  {
    key: 'demo.onMap',
    count: 'count',
    cs: ['1 smyšlené hlášení', '2 smyšlená hlášení', '5 smyšlených hlášení', '1,5 smyšleného hlášení'],
    en: ['1 made-up report', '2 made-up reports', '5 made-up reports', '1.5 made-up reports'],
  },
  {
    key: 'clear.explain',
    count: 'count',
    cs: ['Smaže se 1 hlášení', 'Smažou se 2 hlášení', 'Smaže se 5 hlášení', 'Smaže se 1,5 hlášení'],
    en: ['1 report will', '2 reports will', '5 reports will', '1.5 reports will'],
  },
  {
    key: 'measurements.legend.cells',
    count: 'count',
    params: { zoom: 13 },
    cs: ['1 šestiúhelník;', '2 šestiúhelníky;', '5 šestiúhelníků;', '1,5 šestiúhelníku;'],
    en: ['1 hexagon;', '2 hexagons;', '5 hexagons;', '1.5 hexagons;'],
  },
  {
    key: 'measurements.loaded',
    count: 'count',
    params: { files: 'a.csv' },
    cs: ['Načteno 1 měření', 'Načtena 2 měření', 'Načteno 5 měření', 'Načteno 1,5 měření'],
    en: ['1 measurement loaded', '2 measurements loaded', '5 measurements loaded', '1.5 measurements loaded'],
  },
  {
    key: 'zsj.loaded',
    count: 'count',
    params: { name: 'zsj.geojson', date: '2024-01-01' },
    cs: ['Načtena 1 ZSJ', 'Načteny 2 ZSJ', 'Načteno 5 ZSJ', 'Načteno 1,5 ZSJ'],
    en: ['1 ZSJ', '2 ZSJ', '5 ZSJ', '1.5 ZSJ'],
  },
  {
    key: 'route.inStretch',
    count: 'samples',
    cs: ['(1 bod)', '(2 body)', '(5 bodů)', '(1,5 bodu)'],
    en: ['(1 point)', '(2 points)', '(5 points)', '(1.5 points)'],
  },
  {
    key: 'route.recording',
    count: 'saved',
    params: { samples: 5 },
    cs: ['1 uložený úsek', '2 uložené úseky', '5 uložených úseků', '1,5 uloženého úseku'],
    en: ['1 stretch saved', '2 stretches saved', '5 stretches saved', '1.5 stretches saved'],
  },
  {
    key: 'analysisSettings.hint.validForDays',
    count: 'value',
    cs: ['Výchozí 1 den.', 'Výchozí 2 dny.', 'Výchozí 5 dní.', 'Výchozí 1,5 dne.'],
    en: ['Default 1 day.', 'Default 2 days.', 'Default 5 days.', 'Default 1.5 days.'],
  },
  {
    key: 'package.publicRule',
    count: 'min',
    cs: ['alespoň 1 hlásící', 'alespoň 2 různí hlásící', 'alespoň 5 různých hlásících', 'alespoň 1,5 různého hlásícího'],
    en: ['at least 1 distinct reporter', 'at least 2 distinct reporters', 'at least 5 distinct reporters', 'at least 1.5 distinct reporters'],
  },
  {
    key: 'audit.split',
    count: 'count',
    cs: ['Odděleno 1 hlášení', 'Oddělena 2 hlášení', 'Odděleno 5 hlášení', 'Odděleno 1,5 hlášení'],
    en: ['1 report split', '2 reports split', '5 reports split', '1.5 reports split'],
  },
  {
    key: 'list.more',
    count: 'count',
    cs: ['Zobrazit další 1', 'Zobrazit další 2', 'Zobrazit dalších 5', 'Zobrazit dalších 1,5'],
    en: ['Show 1 more', 'Show 2 more', 'Show 5 more', 'Show 1.5 more'],
  },
  // hlucha-mista verify.
  {
    key: 'verify.ok',
    count: 'files',
    params: { format: 'f', schemaVersion: 1 },
    cs: ['1 soubor odpovídá', '2 soubory odpovídají', '5 souborů odpovídá', '1,5 souboru odpovídá'],
    en: ['1 file matches', '2 files match', '5 files match', '1.5 files match'],
  },
  {
    key: 'verify.okCounts',
    count: 'lokality',
    params: { hlaseni: 1, obce: 1 },
    cs: ['Obsahuje 1 lokalitu a', 'Obsahuje 2 lokality a', 'Obsahuje 5 lokalit a', 'Obsahuje 1,5 lokality a'],
    en: ['It holds 1 locality and', 'It holds 2 localities and', 'It holds 5 localities and', 'It holds 1.5 localities and'],
  },
  {
    key: 'verify.failed',
    count: 'count',
    params: { file: 'b.zip' },
    cs: ['našel se 1 problém:', 'našly se 2 problémy:', 'našlo se 5 problémů:', 'našlo se 1,5 problému:'],
    en: ['1 problem found:', '2 problems found:', '5 problems found:', '1.5 problems found:'],
  },
  // The letter.
  {
    key: 'letter.handover',
    count: 'localities',
    params: { reports: 1, obce: 1 },
    cs: ['Předáváme 1 lokalitu s', 'Předáváme 2 lokality s', 'Předáváme 5 lokalit s', 'Předáváme 1,5 lokality s'],
    en: ['over 1 locality with', 'over 2 localities with', 'over 5 localities with', 'over 1.5 localities with'],
  },
  {
    key: 'letter.handover',
    count: 'obce',
    params: { localities: 3, reports: 4 },
    cs: ['na území 1 obce)', 'na území 2 obcí)', 'na území 5 obcí)', 'na území 1,5 obce)'],
    en: ['in 1 municipality)', 'in 2 municipalities)', 'in 5 municipalities)', 'in 1.5 municipalities)'],
  },
  {
    key: 'letter.reviewState',
    count: 'unreviewed',
    params: { total: 9, confirmed: 3, other: 0 },
    cs: ['1 dosud nebyla posouzena (', '2 dosud nebyly posouzeny (', '5 dosud nebylo posouzeno (', '1,5 dosud nebylo posouzeno ('],
    en: ['1 not yet reviewed (', '2 not yet reviewed (', '5 not yet reviewed (', '1.5 not yet reviewed ('],
  },
  {
    key: 'letter.fixed',
    count: 'count',
    cs: ['přikládáme 1 lokalitu s', 'přikládáme 2 lokality s', 'přikládáme 5 lokalit s', 'přikládáme 1,5 lokality s'],
    en: ['enclose 1 locality with', 'enclose 2 localities with', 'enclose 5 localities with', 'enclose 1.5 localities with'],
  },
  {
    key: 'letter.tableCut',
    count: 'total',
    params: { listed: 300 },
    cs: ['Uvedeno 300 z 1 lokality', 'Uvedeno 300 ze 2 lokalit', 'Uvedeno 300 z 5 lokalit', 'Uvedeno 300 z 1,5 lokality'],
    en: ['300 of 1 locality listed', '300 of 2 localities listed', '300 of 5 localities listed', '300 of 1.5 localities listed'],
  },
  {
    key: 'letter.orpMapTitle',
    count: 'count',
    params: { nazev: 'Cheb' },
    cs: ['ORP Cheb: 1 lokalita', 'ORP Cheb: 2 lokality', 'ORP Cheb: 5 lokalit', 'ORP Cheb: 1,5 lokality'],
    en: ['ORP Cheb: 1 locality', 'ORP Cheb: 2 localities', 'ORP Cheb: 5 localities', 'ORP Cheb: 1.5 localities'],
  },
];

describe('plural forms', () => {
  test.each(NOUNS.map((noun) => [`${noun.key} (${noun.count})`, noun] as const))('%s: 1, 2, 5 and 1.5 in Czech and English', (_name, noun) => {
    [1, 2, 5, 1.5].forEach((value, i) => {
      const params = { ...noun.params, [noun.count]: value };
      expect(translate('cs', noun.key, params)).toContain(noun.cs[i]);
      expect(translate('en', noun.key, params)).toContain(noun.en[i]);
    });
  });

  test('every plural in Czech has all four categories, in English one and other', () => {
    for (const key of Object.keys(cs) as MessageKey[]) {
      for (const plural of pluralParameters(cs[key]))
        expect(
          plural.categories.filter((c) => !c.startsWith('=')),
          `${key} ${plural.name}`,
        ).toEqual(['one', 'few', 'many', 'other']);
      for (const plural of pluralParameters(en[key]))
        expect(
          plural.categories.filter((c) => !c.startsWith('=')),
          `${key} ${plural.name}`,
        ).toEqual(['one', 'other']);
    }
  });

  test('no Czech message puts a bare count before a noun whose form depends on it', () => {
    // "{count} lokalit", "{obce} obcí": the forms that read "1 lokalit", "2 obcí".
    const bare = /\{\w+\} (lokalit|lokality|obcí|obce|adr\. míst|ohlašovatelů|šestiúhelníků|bodů|dní|zdroje|smyšlených)/;
    // Keys named by their plural category (`….one`, `….few`, …) are chosen by Intl.PluralRules already.
    const byCategory = /\.(zero|one|two|few|many|other)$/;
    for (const key of Object.keys(cs) as MessageKey[]) if (!byCategory.test(key)) expect(cs[key], key).not.toMatch(bare);
  });
});
