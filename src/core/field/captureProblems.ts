/**
 * Flags on a captured report that are not errors: the report is kept, saved and exported, and the form and the
 * list say what is doubtful about it. Today one: the position is less accurate than the setting.
 */
import type { Report } from '../reports/report.ts';
import type { ReportProblem } from '../reports/validateReport.ts';

export function captureProblems(report: Pick<Report, 'capture'>, maxAccuracyM: number): ReportProblem[] {
  const accuracy = report.capture?.accuracyM;
  if (typeof accuracy !== 'number' || accuracy <= maxAccuracyM) return [];
  return [{ path: 'capture.accuracyM', code: 'capture.inaccurate', params: { accuracyM: Math.round(accuracy), limitM: maxAccuracyM } }];
}
