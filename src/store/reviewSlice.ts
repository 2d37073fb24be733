/**
 * The BCO coordinator's review of localities: status, priority, notes, merge, split, move — every action through
 * core's applyReviewAction against the localities the analysis shows now, recorded in the audit trail with who
 * and when, and saved to IndexedDB (the "review" store of reportDatabase.ts). The review file exports and imports
 * the whole review (core's reviewFile.ts merges an imported one). The reviewer's name is asked once and kept with
 * the user's settings.
 */
import type { Clustering } from '../core/cluster/clusterReports.ts';
import { applyReviewAction, type ReviewRefusal } from '../core/review/applyReviewAction.ts';
import { exportReviewFile, mergeReviewStates, parseReviewFile, type ReviewFileProblem } from '../core/review/reviewFile.ts';
import { assignLocalityNumbers } from '../core/review/localityNumbers.ts';
import { krajOfReports } from '../core/reports/reportKraj.ts';
import { EMPTY_REVIEW_STATE, type ReviewAction, type ReviewState } from '../core/review/reviewModel.ts';
import type { AnalysisResult } from '../core/analysis/analysisTypes.ts';
import type { SliceCreator } from './appStore.ts';
import { openReportDatabase, REPORT_DATABASE_NAME, type ReportDatabase, type StorageFailureCode } from './persistence/reportDatabase.ts';
import { openReviewChannel, TAB_CHANNEL_NAME } from './persistence/tabChannel.ts';

export interface ReviewDependencies {
  /** The IndexedDB factory; null: none. Default: globalThis.indexedDB. */
  indexedDB?: IDBFactory | null;
  databaseName?: string;
  now?: () => string;
  /** The BroadcastChannel shared by the tabs; null: none. Default: the app's tab channel. */
  tabChannelName?: string | null;
}

export type ReviewStorageStatus = { state: 'loading' } | { state: 'ready' } | { state: 'failing'; code: StorageFailureCode };

export type ReviewOutcome = { ok: true } | { ok: false; code: ReviewRefusal | 'review.noReviewer' | 'review.notAnalysed'; params?: Record<string, string> };

export interface ReviewSlice {
  review: ReviewState;
  reviewStorage: ReviewStorageStatus;
  /** Who reviews ("kdo"): asked once, kept with the settings, written into every audit entry. */
  reviewerName: string | null;
  /** The last refusal of a review action or file, shown until the next action. */
  reviewNotice: { code: ReviewRefusal | ReviewFileProblem | 'review.noReviewer' | 'review.notAnalysed'; params?: Record<string, string> } | null;
  setReviewerName(name: string): void;
  loadReview(): Promise<void>;
  /** Applies one review action to the localities shown now; refused actions change nothing and say why. */
  reviewLocality(action: ReviewAction): Promise<ReviewOutcome>;
  exportReview(): string;
  /** Merges a review file into the review (the same file twice changes nothing). */
  importReview(text: string): Promise<{ ok: true } | { ok: false; code: ReviewFileProblem }>;
  closeReview(): void;
  /**
   * Gives the localities the analysis shows their numbers within their kraj (core/review/localityNumbers.ts) when
   * they have none yet, and saves them with the review. Called after each analysis.
   */
  numberLocalities(): Promise<void>;
  /**
   * Replaces the review by `change(current)` (a pure core computation: the package history, "Odeslat", ČTÚ's
   * answers) and saves it, in the review's queue; resolves with what `change` returned besides the state.
   */
  changeReview<T>(change: (current: ReviewState) => { review: ReviewState; value: T }): Promise<T>;
}

/** The clustering applyReviewAction checks against, rebuilt from the analysis result (plain data). */
export function clusteringOf(result: AnalysisResult): Clustering {
  const localityOf = new Map<string, string>();
  for (const locality of result.localities) for (const id of locality.reportIds) localityOf.set(id, locality.id);
  return { localities: result.localities.map(({ id, reportIds, reviewed }) => ({ id, reportIds, reviewed })), localityOf };
}

export function createReviewSlice(dependencies: ReviewDependencies = {}): SliceCreator<ReviewSlice> {
  return (set, get) => {
    const factory = 'indexedDB' in dependencies ? dependencies.indexedDB : (globalThis.indexedDB ?? null);
    const databaseName = dependencies.databaseName ?? REPORT_DATABASE_NAME;
    const now = dependencies.now ?? (() => new Date().toISOString());
    let database: ReportDatabase | null = null;
    let closed = false;
    // Another tab saved its review: read and merge it (what this tab holds in memory is kept by the merge).
    const channelName = 'tabChannelName' in dependencies ? dependencies.tabChannelName : TAB_CHANNEL_NAME;
    const channel = channelName
      ? openReviewChannel({ name: channelName, database: databaseName, tab: crypto.randomUUID(), onSaved: () => void get().loadReview() })
      : null;
    let queue: Promise<unknown> = Promise.resolve();

    function enqueue<T>(job: () => Promise<T>): Promise<T> {
      const result = queue.then(job);
      queue = result.catch(() => undefined);
      return result;
    }

    async function open(): Promise<ReportDatabase | null> {
      if (closed) return null;
      if (database) return database;
      const opened = await openReportDatabase({
        factory,
        name: databaseName,
        onVersionChange: () => (database = null),
        onClosed: () => (database = null),
      });
      if (!opened.ok) {
        set({ reviewStorage: { state: 'failing', code: opened.code } });
        return null;
      }
      if (closed) {
        opened.database.close();
        return null;
      }
      database = opened.database;
      return database;
    }

    /**
     * Saves by merging into what is stored (one transaction), so a review another tab saved meanwhile is kept; the
     * merged review then shows here too, and the other tabs are told to re-read it.
     */
    async function save(state: ReviewState): Promise<void> {
      const db = await open();
      if (!db) return;
      const written = await db.mergeReview(state);
      if (!written.ok) {
        set({ reviewStorage: { state: 'failing', code: written.code } });
        return;
      }
      set(get().review === state ? { review: written.value.review, reviewStorage: { state: 'ready' } } : { reviewStorage: { state: 'ready' } });
      if (written.value.changed) channel?.announce();
    }

    return {
      review: EMPTY_REVIEW_STATE,
      reviewStorage: { state: 'loading' },
      reviewerName: null,
      reviewNotice: null,

      setReviewerName: (name) => {
        const trimmed = name.trim();
        set({ reviewerName: trimmed === '' ? null : trimmed, reviewNotice: null });
      },

      loadReview: () =>
        enqueue(async (): Promise<void> => {
          const db = await open();
          if (!db) {
            if (get().reviewStorage.state === 'loading') set({ reviewStorage: { state: 'failing', code: 'storage.unavailable' } });
            return;
          }
          const read = await db.readReview();
          if (!read.ok) {
            set({ reviewStorage: { state: 'failing', code: read.code } });
            return;
          }
          // What was reviewed in memory before the read (storage slow or failing) is merged, not lost.
          const stored = read.value ?? EMPTY_REVIEW_STATE;
          const current = get().review;
          const review = current === EMPTY_REVIEW_STATE ? stored : mergeReviewStates(stored, current);
          set({ review, reviewStorage: { state: 'ready' } });
          if (review !== stored) await save(review);
        }),

      reviewLocality: (action) =>
        enqueue(async (): Promise<ReviewOutcome> => {
          const by = get().reviewerName;
          if (!by) {
            set({ reviewNotice: { code: 'review.noReviewer' } });
            return { ok: false, code: 'review.noReviewer' };
          }
          const result = get().analysis.result;
          if (!result) {
            set({ reviewNotice: { code: 'review.notAnalysed' } });
            return { ok: false, code: 'review.notAnalysed' };
          }
          const createdAt = new Map(Object.values(get().reports).map((report) => [report.id, report.createdAt]));
          const domainOf = new Map(Object.values(get().reports).map((report) => [report.id, report.domain]));
          const applied = applyReviewAction(get().review, action, { clustering: clusteringOf(result), createdAt, domainOf, by, at: now() });
          if (!applied.ok) {
            set({ reviewNotice: { code: applied.code, params: applied.params } });
            return { ok: false, code: applied.code, params: applied.params };
          }
          set({ review: applied.state, reviewNotice: null });
          await save(applied.state);
          return { ok: true };
        }),

      exportReview: () => exportReviewFile(get().review, now()),

      importReview: (text) =>
        enqueue(async () => {
          const parsed = parseReviewFile(text);
          if (!parsed.ok) {
            set({ reviewNotice: { code: parsed.code } });
            return parsed;
          }
          const review = mergeReviewStates(get().review, parsed.state);
          set({ review, reviewNotice: null });
          await save(review);
          return { ok: true as const };
        }),

      numberLocalities: () =>
        enqueue(async () => {
          const result = get().analysis.result;
          if (!result || get().reviewStorage.state === 'loading') return;
          const reports = get().reports;
          const localities = result.localities.map((locality) => {
            const members = locality.reportIds.map((id) => reports[id]).filter((r) => r !== undefined);
            return { id: locality.id, nuts3: krajOfReports(members), firstAt: locality.firstAt };
          });
          const assigned = assignLocalityNumbers(get().review, localities, now());
          if (assigned.assigned.size === 0) return;
          set({ review: assigned.state });
          await save(assigned.state);
        }),

      changeReview: <T>(change: (current: ReviewState) => { review: ReviewState; value: T }) =>
        enqueue(async () => {
          const { review, value } = change(get().review);
          if (review !== get().review) {
            set({ review, reviewNotice: null });
            await save(review);
          }
          return value;
        }),

      closeReview: () => {
        closed = true;
        channel?.close();
        database?.close();
        database = null;
      },
    };
  };
}
