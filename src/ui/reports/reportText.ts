/**
 * Typed i18n keys for the codes of the report model: enumerations, problems, file and storage codes.
 * The template-literal return types make the type checker prove that every code has its message.
 */
import type {
  EnvironmentCode,
  FailureCode,
  OperatorChoice,
  PersistenceCode,
  ProblemDomain,
  ReporterRole,
  TechnologyCode,
} from '../../core/reports/enumerations.ts';
import type { ReportProblemCode, ReportProblem } from '../../core/reports/validateReport.ts';
import type { ObecFileProblemCode } from '../../core/obecFile/obecFileFormat.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import type { StorageStatus } from '../../store/reportsContract.ts';
import type { Translate } from '../storeContext.tsx';

export const failureKey = (code: FailureCode): MessageKey => `enum.failure.${code}`;
export const operatorKey = (code: OperatorChoice): MessageKey => `enum.operator.${code}`;
export const technologyKey = (code: TechnologyCode): MessageKey => `enum.technology.${code}`;
export const environmentKey = (code: EnvironmentCode): MessageKey => `enum.environment.${code}`;
export const persistenceKey = (code: PersistenceCode): MessageKey => `enum.persistence.${code}`;
export const domainKey = (code: ProblemDomain): MessageKey => `enum.domain.${code}`;
export const roleKey = (code: ReporterRole): MessageKey => `enum.role.${code}`;
export const problemKey = (code: ReportProblemCode): MessageKey => `problem.${code}`;
export const fileProblemKey = (code: ObecFileProblemCode): MessageKey => `problem.${code}`;
export const storageProblemKey = (code: Extract<StorageStatus, { state: 'failing' }>['code']): MessageKey => `problem.${code}`;

/** A problem as a sentence in the UI language. */
export function problemText(t: Translate, problem: Pick<ReportProblem, 'code' | 'params'>): string {
  return t(problemKey(problem.code), problem.params);
}
