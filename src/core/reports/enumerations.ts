/**
 * Every enumeration a report uses, in one place. Values are stable codes (stored, exported, validated); the UI
 * translates them (src/i18n, keys `enum.<name>.<code>`). Order here is the order shown to users.
 */

/** Mobile network operators in Czechia by MCC-MNC. 230-01…03 are confirmed; the others are from code tables. */
export const OPERATORS = [
  { code: 'tmobile', mccMnc: '230-01', name: 'T-Mobile' },
  { code: 'o2', mccMnc: '230-02', name: 'O2' },
  { code: 'vodafone', mccMnc: '230-03', name: 'Vodafone' },
  { code: 'nordic', mccMnc: '230-04', name: 'Nordic Telecom' },
  { code: 'poda', mccMnc: '230-05', name: 'PODA' },
  { code: 'nordic5g', mccMnc: '230-06', name: 'Nordic Telecom 5G' },
] as const;
export type OperatorCode = (typeof OPERATORS)[number]['code'];
/** "All operators" is a choice of its own: a place where no network works is an emergency-call (112) problem. */
export const ALL_OPERATORS = 'all' as const;
export type OperatorChoice = OperatorCode | typeof ALL_OPERATORS;
export const OPERATOR_CHOICES: readonly OperatorChoice[] = [ALL_OPERATORS, ...OPERATORS.map((o) => o.code)];

/** Problem domain: ČTÚ handles mobile signal and fixed internet through separate channels. */
export const DOMAINS = ['mobile', 'fixed'] as const;
export type ProblemDomain = (typeof DOMAINS)[number];

/** What fails. */
export const FAILURES = ['noSignal', 'callsFail', 'callsDrop', 'sms', 'noData', 'slowData'] as const;
export type FailureCode = (typeof FAILURES)[number];

/** Technologies the phone showed there (3G was switched off in 2021). */
export const TECHNOLOGIES = ['none', '2g', '4g', '5g'] as const;
export type TechnologyCode = (typeof TECHNOLOGIES)[number];

export const ENVIRONMENTS = ['outdoors', 'indoors', 'vehicle'] as const;
export type EnvironmentCode = (typeof ENVIRONMENTS)[number];

export const PERSISTENCE = ['always', 'intermittent', 'timeOfDay'] as const;
export type PersistenceCode = (typeof PERSISTENCE)[number];

/** The reporter's role (the person who fills the report in for the obec). */
export const REPORTER_ROLES = ['starosta', 'mistostarosta', 'urednik', 'obcan', 'koordinatorBco', 'jiny'] as const;
export type ReporterRole = (typeof REPORTER_ROLES)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
