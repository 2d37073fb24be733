/** A table row's problem code (src/core/tableImport/rowsToReports.ts, report validation, lookup) as a sentence. */
import type { TableRowProblem } from '../../core/tableImport/table.ts';
import { cs } from '../../i18n/cs.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import type { Translate } from '../storeContext.tsx';

function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(cs, key);
}

export function rowProblemText(t: Translate, problem: Pick<TableRowProblem, 'code' | 'params'>): string {
  // Lookup codes have their sentences already ('lookup.noObec': "no obec at this place").
  if (problem.code.startsWith('lookup.') && isMessageKey(problem.code)) return t(problem.code);
  const key = `problem.${problem.code}`;
  if (isMessageKey(key)) return t(key, problem.params);
  return t('problem.unknown', { code: problem.code });
}

/** A whole-file problem or warning code of the table import as a sentence. */
export function tableProblemText(t: Translate, problem: { code: string; params?: Record<string, string | number> }): string {
  return rowProblemText(t, problem);
}
