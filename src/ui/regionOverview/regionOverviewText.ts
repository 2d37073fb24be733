/**
 * Typed i18n keys for the codes of the coordinator's view: statuses, priorities, evidence criteria, review
 * refusals, analysis phases and metrics. Template-literal keys make the type checker prove each has a message.
 */
import type { EvidenceCriterion } from '../../core/evidence/evidenceMeter.ts';
import type { ReviewRefusal } from '../../core/review/applyReviewAction.ts';
import type { ReviewFileProblem } from '../../core/review/reviewFile.ts';
import type { LocalityStatus, Priority } from '../../core/review/reviewModel.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import type { ChoroplethMetric } from '../../store/regionOverviewSlice.ts';
import type { ReviewSlice } from '../../store/reviewSlice.ts';
import type { AnalysisErrorCode, AnalysisPhase } from '../../core/analysis/analysisTypes.ts';

export const statusKey = (status: LocalityStatus): MessageKey => `review.status.${status}`;
/** The verb on a button that moves a locality to this status ("Confirm"). */
export const statusActionKey = (status: LocalityStatus): MessageKey => `review.toStatus.${status}`;
export const priorityKey = (priority: Priority): MessageKey => `review.priority.${priority}`;
export const evidenceKey = (criterion: EvidenceCriterion): MessageKey => `${criterion}`;
export const phaseKey = (phase: AnalysisPhase): MessageKey => `coordinator.phase.${phase}`;
export const metricKey = (metric: ChoroplethMetric): MessageKey => `coordinator.metric.${metric}`;
export const analysisErrorKey = (code: AnalysisErrorCode): MessageKey => `problem.${code}`;

type NoticeCode = NonNullable<ReviewSlice['reviewNotice']>['code'];
export const reviewNoticeKey = (code: NoticeCode): MessageKey => `problem.${code}`;

// Compile-time proof that the unions above are covered (the template-literal types check each member).
export type CoveredCodes = ReviewRefusal | ReviewFileProblem;
