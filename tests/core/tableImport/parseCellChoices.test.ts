import { describe, expect, it } from 'vitest';
import { parseEnvironments, parseFailures, parseOperators, parseTechnologies } from '../../../src/core/tableImport/parseCellChoices.ts';

describe('parseOperators', () => {
  it('knows names, aliases and MCC-MNC codes, case and diacritics aside', () => {
    expect(parseOperators('T-Mobile')).toEqual(['tmobile']);
    expect(parseOperators('TMO, O2 a Vodafone')).toEqual(['tmobile', 'o2', 'vodafone']);
    expect(parseOperators('o2/cetin')).toEqual(['o2']);
    expect(parseOperators('230-03')).toEqual(['vodafone']);
    expect(parseOperators('Nordic Telecom 5G')).toEqual(['nordic5g']);
    expect(parseOperators('Nordic Telecom')).toEqual(['nordic']);
    expect(parseOperators('všichni operátoři')).toEqual(['all']);
    expect(parseOperators('VŠECHNY SÍTĚ')).toEqual(['all']);
  });

  it('gives nothing for unknown words, and named operators win over "all"', () => {
    expect(parseOperators('Orange Slovensko?')).toEqual([]);
    expect(parseOperators('neznámý')).toEqual([]);
    expect(parseOperators('všichni, hlavně O2')).toEqual(['o2']);
  });
});

describe('parseFailures, parseEnvironments, parseTechnologies', () => {
  it('match clear Czech and English phrases', () => {
    expect(parseFailures('Bez signálu')).toEqual(['noSignal']);
    expect(parseFailures('nelze se dovolat, padají hovory')).toEqual(['callsFail', 'callsDrop']);
    expect(parseFailures('pomalá data')).toEqual(['slowData']);
    expect(parseFailures('no data')).toEqual(['noData']);
    expect(parseEnvironments('venku i v budově')).toEqual(['outdoors', 'indoors']);
    expect(parseEnvironments('v autě')).toEqual(['vehicle']);
    expect(parseTechnologies('LTE')).toEqual(['4g']);
    expect(parseTechnologies('2G/4G')).toEqual(['2g', '4g']);
  });

  it('give nothing where no clear match exists', () => {
    expect(parseFailures('špatné')).toEqual([]);
    expect(parseEnvironments('tam')).toEqual([]);
    expect(parseTechnologies('WLAN')).toEqual([]);
  });
});
