/**
 * Which column of an office's table feeds which field of a report, and fixed values for what the table lacks.
 * Made by guessColumns, corrected by the person in the mapping dialog, used by rowsToReports. Plain data.
 */
import type { EnvironmentCode, FailureCode, OperatorChoice, ProblemDomain, ReporterRole, TechnologyCode } from '../reports/enumerations.ts';

/** The fields a column can feed, in the order the dialog shows them. */
export const TABLE_FIELDS = [
  'latitude',
  'longitude',
  'latLon',
  'sjtskY',
  'sjtskX',
  'obecKod',
  'obecNazev',
  'castObce',
  'description',
  'failures',
  'operators',
  'technologies',
  'environments',
  'date',
  'inhabitants',
  'reporterName',
  'reporterContact',
] as const;
export type TableField = (typeof TABLE_FIELDS)[number];

export interface TableFixedValues {
  /** Used for rows whose description cell is empty (or when no column is mapped). */
  description: string;
  domain: ProblemDomain;
  /** Used for rows whose cell names none (or when no column is mapped). */
  failures: FailureCode[];
  operators: OperatorChoice[];
  environments: EnvironmentCode[];
  technologies: TechnologyCode[];
  /** The role of the people named in the reporter column (a table rarely says; an office's list is mostly citizens'). */
  reporterRole: ReporterRole;
}

export interface TableMapping {
  /** 0-based column index per field; null = not in the table. */
  columns: Record<TableField, number | null>;
  fixed: TableFixedValues;
}

export function emptyMapping(): TableMapping {
  const columns = Object.fromEntries(TABLE_FIELDS.map((field) => [field, null])) as Record<TableField, number | null>;
  return { columns, fixed: { description: '', domain: 'mobile', failures: [], operators: [], environments: [], technologies: [], reporterRole: 'obcan' } };
}
