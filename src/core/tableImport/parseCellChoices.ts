/**
 * The report's enumerations from the words offices write in table cells: operators by name, alias or MCC-MNC
 * ("T-Mobile", "TMO", "O2", "Vodafone", "230-03", "všichni"), what fails ("bez signálu", "nelze se dovolat",
 * "padají hovory", "pomalá data"), the environment ("venku", "v budově", "v autě") and technologies ("LTE", "2G").
 * Only clear matches count: a cell with no known word gives an empty list (the import then uses the fixed value
 * chosen in the dialog, or says why the row cannot become a report). Diacritics and case do not matter.
 */
import type { EnvironmentCode, FailureCode, OperatorChoice, TechnologyCode } from '../reports/enumerations.ts';
import { normalizeForSearch } from '../text/normalizeForSearch.ts';

/** Words or phrases (normalised: lower case, no diacritics, hyphens as spaces) → code. */
type Vocabulary<Code extends string> = ReadonlyArray<readonly [Code, readonly string[]]>;

const OPERATOR_WORDS: Vocabulary<OperatorChoice> = [
  [
    'all',
    [
      'vsichni',
      'vsichni operatori',
      'vsechny',
      'vsechny site',
      'vsechny operatory',
      'vse',
      'all',
      'all operators',
      'any',
      'zadny',
      'zadny operator',
      'zadna sit',
    ],
  ],
  ['nordic5g', ['nordic telecom 5g', 'nordic 5g', '230 06', '23006']],
  ['tmobile', ['t mobile', 'tmobile', 'tmo', 't mo', 'telekom', 'deutsche telekom', '230 01', '23001']],
  ['o2', ['o2', 'o 2', 'o2 czech republic', 'cetin', 'telefonica', 'eurotel', '230 02', '23002']],
  ['vodafone', ['vodafone', 'voda', 'vf', 'oskar', '230 03', '23003']],
  ['nordic', ['nordic telecom', 'nordic', 'air telecom', '230 04', '23004']],
  ['poda', ['poda', '230 05', '23005']],
];

const FAILURE_WORDS: Vocabulary<FailureCode> = [
  [
    'noSignal',
    [
      'bez signalu',
      'zadny signal',
      'neni signal',
      'signal neni',
      'nulovy signal',
      'chybi signal',
      'hluche misto',
      'no signal',
      'no coverage',
      'bez pokryti',
      'neni pokryti',
      'zadne pokryti',
    ],
  ],
  [
    'callsFail',
    [
      'nelze volat',
      'nejde volat',
      'nelze se dovolat',
      'nejde se dovolat',
      'nedovolani',
      'nedovolate',
      'nedovolat',
      'hovory nejdou',
      'nespojeni hovoru',
      'calls fail',
      'cannot call',
    ],
  ],
  [
    'callsDrop',
    [
      'padaji hovory',
      'hovory padaji',
      'vypadky hovoru',
      'vypadavaji hovory',
      'hovory vypadavaji',
      'preruseni hovoru',
      'prerusene hovory',
      'padani hovoru',
      'calls drop',
      'dropped calls',
    ],
  ],
  ['sms', ['sms', 'nejdou sms', 'zpravy']],
  [
    'noData',
    [
      'bez dat',
      'nejdou data',
      'nefunguji data',
      'data nefunguji',
      'zadna data',
      'mobilni data nefunguji',
      'nejde internet',
      'bez internetu',
      'no data',
      'no internet',
    ],
  ],
  ['slowData', ['pomala data', 'pomale data', 'pomaly internet', 'pomale pripojeni', 'slaby internet', 'slow data', 'slow internet']],
];

const ENVIRONMENT_WORDS: Vocabulary<EnvironmentCode> = [
  ['outdoors', ['venku', 'venkovni', 'venkovne', 'v terenu', 'na ulici', 'outdoor', 'outdoors', 'outside']],
  ['indoors', ['uvnitr', 'v budove', 'v dome', 'v domech', 'doma', 'vnitrni', 'v budovach', 'indoor', 'indoors', 'inside']],
  [
    'vehicle',
    [
      'v aute',
      'v autech',
      'auto',
      've vozidle',
      'vozidlo',
      'za jizdy',
      'pri jizde',
      've vlaku',
      'vlak',
      'v autobuse',
      'in a vehicle',
      'vehicle',
      'car',
      'in car',
    ],
  ],
];

const TECHNOLOGY_WORDS: Vocabulary<TechnologyCode> = [
  ['none', ['zadna', 'zadna sit', 'bez site', 'none', 'no network']],
  ['2g', ['2g', 'gsm', 'edge', 'gprs']],
  ['4g', ['4g', 'lte', 'lte a', 'lte ca']],
  ['5g', ['5g', 'nr', '5g nr', 'nr nsa', 'nsa']],
];

const sortedPhrases = new WeakMap<readonly string[], readonly string[]>();
function longestFirst(phrases: readonly string[]): readonly string[] {
  let sorted = sortedPhrases.get(phrases);
  if (!sorted) {
    sorted = [...phrases].sort((a, b) => b.length - a.length);
    sortedPhrases.set(phrases, sorted);
  }
  return sorted;
}

function normalizedWords(text: string): string {
  return ` ${normalizeForSearch(text)
    .replace(/[;:()+&|!?"„“]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()} `;
}

/** Every code whose word or phrase occurs as whole words in the cell, in the vocabulary's order, each once. */
function matchWords<Code extends string>(text: string, vocabulary: Vocabulary<Code>): Code[] {
  let haystack = normalizedWords(text);
  if (haystack.trim() === '') return [];
  const found: Code[] = [];
  for (const [code, phrases] of vocabulary) {
    // Longest phrases first, and a matched phrase is cut out (so "nordic telecom 5g" is not also "nordic").
    for (const phrase of longestFirst(phrases)) {
      const needle = ` ${phrase} `;
      if (haystack.includes(needle)) {
        if (!found.includes(code)) found.push(code);
        haystack = haystack.split(needle).join(' ');
      }
    }
  }
  return found;
}

export function parseOperators(text: string): OperatorChoice[] {
  // "230-01" normalises to "230 01"; "T-Mobile, O2 a Vodafone" to words separated by spaces.
  const found = matchWords(text.replace(/,/g, ' '), OPERATOR_WORDS);
  // "all" with named operators is contradictory: the named operators are the clear part.
  return found.length > 1 ? found.filter((code) => code !== 'all') : found;
}

export function parseFailures(text: string): FailureCode[] {
  return matchWords(text.replace(/,/g, ' '), FAILURE_WORDS);
}

export function parseEnvironments(text: string): EnvironmentCode[] {
  return matchWords(text.replace(/,/g, ' '), ENVIRONMENT_WORDS);
}

export function parseTechnologies(text: string): TechnologyCode[] {
  return matchWords(text.replace(/,/g, ' ').replace(/\//g, ' '), TECHNOLOGY_WORDS);
}
