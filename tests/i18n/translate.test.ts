import { describe, expect, test } from 'vitest';
import { cs } from '../../src/i18n/cs.ts';
import { en } from '../../src/i18n/en.ts';
import { translate } from '../../src/i18n/translate.ts';

/** `{name}` and `{name, plural, …}` parameters, each once. */
const parameters = (template: string) => [...new Set([...template.matchAll(/\{(\w+)(?:\}|\s*,\s*plural\s*,)/g)].map((match) => match[1]))].sort();

describe('translate', () => {
  test('fills parameters and leaves unknown ones visible', () => {
    expect(translate('cs', 'region.counts', { obce: 134, orp: 7 })).toBe('134 obcí, 7 ORP');
    expect(translate('en', 'region.counts', { obce: '1,144' })).toBe('1,144 municipalities, {orp} ORP');
  });

  test('every lookup failure code of core has a sentence in both languages', () => {
    for (const code of ['lookup.outsideCzechia', 'lookup.outsidePack', 'lookup.noObec', 'lookup.invalidCoordinates'] as const) {
      expect(translate('cs', code)).not.toBe('');
      expect(translate('en', code)).not.toBe(translate('cs', code));
    }
  });
});

describe('string tables', () => {
  test('English has the same keys and the same parameters as Czech, and no empty string', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(cs).sort());
    for (const key of Object.keys(cs) as Array<keyof typeof cs>) {
      expect(parameters(en[key]), key).toEqual(parameters(cs[key]));
      expect(cs[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
    }
  });
});
