/**
 * The two import loops of the reports slice: an obec file (parseObecFile → places → mergeReports) and the rows of
 * an office's table (places, the obec-claim check). Each derives places in slices that let the page respond, then
 * commits everything as ONE history entry through the slice's queue.
 */
import { obecClaimWarning, type ObecClaim } from '../core/tableImport/obecClaim.ts';
import type { TableRowProblem } from '../core/tableImport/table.ts';
import { refusedImport, type ImportSummary, type RejectedFeature } from '../core/obecFile/obecFileFormat.ts';
import { parseObecFile } from '../core/obecFile/parseObecFile.ts';
import { mergeReports } from '../core/reports/mergeReports.ts';
import type { DerivedPlace, Report, ReportGeometry } from '../core/reports/report.ts';
import { validateReport, type ReportProblem } from '../core/reports/validateReport.ts';
import { canonicalJson } from '../core/text/canonicalJson.ts';
import type { AppState } from './appStore.ts';
import type { HistoryChange, HistoryLabelKey } from './history.ts';
import type { SaveOutcome } from './persistence/reportSync.ts';
import type { TableImportSummary } from './reportsContract.ts';

export type PlaceResult = { ok: true; place: DerivedPlace | null } | { ok: false; problem: ReportProblem };

export interface ReportImportContext {
  get(): Pick<AppState, 'reports' | 'rememberObecContact'>;
  enqueue<T>(job: () => Promise<T>): Promise<T>;
  commit(labelKey: HistoryLabelKey, changes: HistoryChange[], coalesceKey?: string | null): Promise<SaveOutcome>;
  /** The storage code when a commit was not written (quota exceeded, storage unavailable…), else null. */
  notSavedCode(outcome: SaveOutcome): string | null;
  placeOf(geometry: ReportGeometry): Promise<PlaceResult>;
}

/** Work longer than this in one go (deriving the places of an import) gives the page a moment to respond. */
const IMPORT_SLICE_MS = 50;

/** Lets the browser handle input and paint (scheduler.yield where there is one). */
function yieldToBrowser(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function createReportImports({ get, enqueue, commit, notSavedCode, placeOf }: ReportImportContext): {
  importText(text: string): Promise<ImportSummary>;
  importTableRows(rows: ReadonlyArray<{ row: number; report: Report; obecClaim?: ObecClaim | null }>): Promise<TableImportSummary>;
} {
  {
    // ---------------------------------------------------------------- import

    /** Feature index of each accepted report: the file's features in order, minus the rejected ones. */
    function featureIndexes(accepted: number, rejected: readonly RejectedFeature[]): number[] {
      const skipped = new Set(rejected.map((row) => row.featureIndex));
      const indexes: number[] = [];
      for (let featureIndex = 0; indexes.length < accepted; featureIndex++) if (!skipped.has(featureIndex)) indexes.push(featureIndex);
      return indexes;
    }

    async function importText(text: string): Promise<ImportSummary> {
      const parsed = parseObecFile(text);
      if (!parsed.ok) {
        return refusedImport(parsed.fileProblem);
      }
      const indexes = featureIndexes(parsed.reports.length, parsed.rejected);
      const rejected: RejectedFeature[] = [...parsed.rejected];
      const incoming: Report[] = [];
      const featureIndexOf = new Map<string, number>();
      let lastYield = performance.now();
      for (let i = 0; i < parsed.reports.length; i++) {
        const report = parsed.reports[i]!;
        const featureIndex = indexes[i]!;
        if (performance.now() - lastYield > IMPORT_SLICE_MS) {
          await yieldToBrowser(); // a long import must not freeze the page
          lastYield = performance.now();
        }
        // The place is derived from the geometry: a copy we hold with the same geometry already has it.
        const held = get().reports[report.id];
        if (held?.place && canonicalJson(held.geometry) === canonicalJson(report.geometry)) {
          incoming.push({ ...report, place: held.place });
          featureIndexOf.set(report.id, featureIndex);
          continue;
        }
        const place = await placeOf(report.geometry);
        if (!place.ok) {
          rejected.push({ featureIndex, id: report.id, problems: [place.problem] });
          continue;
        }
        incoming.push({ ...report, place: place.place });
        featureIndexOf.set(report.id, featureIndex);
      }
      rejected.sort((a, b) => a.featureIndex - b.featureIndex);

      return enqueue(async () => {
        const current = get().reports;
        const merged = mergeReports(current, incoming);
        let notSaved: string | null = null;
        if (merged.toSave.length > 0) {
          notSaved = notSavedCode(
            await commit(
              'history.importObecFile',
              merged.toSave.map((report) => ({ id: report.id, before: current[report.id] ?? null, after: report })),
            ),
          );
        }
        const incomingById = new Map(merged.conflicts.length > 0 ? incoming.map((report) => [report.id, report] as const) : []);
        // A signed file for one obec carries the obec's official contact, for the kraj's package.
        void get().rememberObecContact(parsed.header);
        return {
          ok: true,
          fileProblem: null,
          header: parsed.header,
          added: merged.added,
          ...(notSaved ? { notSaved, notSavedIds: merged.toSave.map((report) => report.id) } : {}),
          updated: merged.updated,
          unchanged: merged.unchanged,
          olderIgnored: merged.olderIgnored,
          conflicts: merged.conflicts.map(({ id }) => ({
            id,
            featureIndex: featureIndexOf.get(id) ?? -1,
            incoming: incomingById.get(id)!,
          })),
          rejected,
          migrated: parsed.migrated,
        };
      });
    }

    /** Reports from an office's table: new ones are placed and added; ids already stored are known. */
    async function importTableRows(rows: ReadonlyArray<{ row: number; report: Report; obecClaim?: ObecClaim | null }>): Promise<TableImportSummary> {
      const rejected: TableRowProblem[] = [];
      const warnings: TableRowProblem[] = [];
      const incoming: Report[] = [];
      let unchanged = 0;
      let lastYield = performance.now();
      for (const { row, report, obecClaim } of rows) {
        if (performance.now() - lastYield > IMPORT_SLICE_MS) {
          await yieldToBrowser(); // a long import must not freeze the page
          lastYield = performance.now();
        }
        if (get().reports[report.id]) {
          unchanged++;
          continue;
        }
        const problems = validateReport(report);
        if (problems.length > 0) {
          rejected.push(...problems.map((problem) => ({ row, column: null, code: problem.code, ...(problem.params ? { params: problem.params } : {}) })));
          continue;
        }
        const place = report.place ? ({ ok: true, place: report.place } as const) : await placeOf(report.geometry);
        if (!place.ok) {
          // The lookup's own code ('lookup.noObec', …) says exactly why.
          rejected.push({ row, column: null, code: String(place.problem.params?.lookup ?? place.problem.code) });
          continue;
        }
        incoming.push({ ...report, place: place.place });
        const warning = obecClaim && place.place ? obecClaimWarning(obecClaim, place.place.obec) : null;
        if (warning) warnings.push({ row, ...warning });
      }
      return enqueue(async () => {
        const current = get().reports;
        // Another import may have added some meanwhile: those are known now.
        const fresh = incoming.filter((report) => !current[report.id]);
        unchanged += incoming.length - fresh.length;
        let notSaved: string | null = null;
        if (fresh.length > 0) {
          notSaved = notSavedCode(
            await commit(
              'history.importTable',
              fresh.map((report) => ({ id: report.id, before: null, after: report })),
            ),
          );
        }
        return { added: fresh.length, ...(notSaved ? { notSaved } : {}), unchanged, rejected, warnings };
      });
    }

    return { importText, importTableRows };
  }
}
