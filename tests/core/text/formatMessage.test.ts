import { describe, expect, test } from 'vitest';
import { formatMessage, pluralCategory, pluralParameters } from '../../../src/core/text/formatMessage.ts';

const LOKALITY = '{count, plural, one {# lokalita} few {# lokality} many {# lokality} other {# lokalit}}';

describe('formatMessage', () => {
  test('Czech has four plural categories: 1 one, 2–4 few, fractions many, 0 and 5+ other', () => {
    expect([1, 2, 4, 5, 0, 1.5, 22, 25].map((n) => pluralCategory('cs-CZ', n))).toEqual(['one', 'few', 'few', 'other', 'other', 'many', 'other', 'other']);
  });

  test('chooses the branch and writes the number the locale’s way', () => {
    expect([1, 2, 5, 1.5, 12345].map((count) => formatMessage('cs-CZ', LOKALITY, { count }))).toEqual([
      '1 lokalita',
      '2 lokality',
      '5 lokalit',
      '1,5 lokality',
      '12\u00a0345 lokalit',
    ]);
    expect(formatMessage('en-GB', '{n, plural, one {# day} other {# days}}', { n: 1.5 })).toBe('1.5 days');
  });

  test('a number given as text keeps its text and is read the locale’s way', () => {
    expect(formatMessage('en-GB', '{n, plural, one {# report} other {# reports}}', { n: '1,144' })).toBe('1,144 reports');
    expect(formatMessage('cs-CZ', LOKALITY, { count: '1,5' })).toBe('1,5 lokality');
    expect(formatMessage('cs-CZ', LOKALITY, { count: '1\u00a0002' })).toBe('1\u00a0002 lokalit');
  });

  test('several plurals and plain parameters in one message; unknown ones stay visible', () => {
    const template = '{reports} hlášení, {obce, plural, one {# obec} few {# obce} many {# obce} other {# obcí}} v ORP {orp}';
    expect(formatMessage('cs-CZ', template, { reports: 7, obce: 3, orp: 'Cheb' })).toBe('7 hlášení, 3 obce v ORP Cheb');
    expect(formatMessage('cs-CZ', template, { reports: 7 })).toBe(
      '7 hlášení, {obce, plural, one {# obec} few {# obce} many {# obce} other {# obcí}} v ORP {orp}',
    );
  });

  test('an exact =N branch wins, and a missing category falls back to other', () => {
    expect(formatMessage('cs-CZ', '{n, plural, =0 {žádná lokalita} one {# lokalita} other {# lokalit}}', { n: 0 })).toBe('žádná lokalita');
    expect(formatMessage('cs-CZ', '{n, plural, one {# lokalita} other {# lokalit}}', { n: 3 })).toBe('3 lokalit');
  });

  test('lists the plural parameters of a template with their categories', () => {
    expect(pluralParameters(`Předáváme ${LOKALITY}.`)).toEqual([{ name: 'count', categories: ['one', 'few', 'many', 'other'] }]);
  });
});
