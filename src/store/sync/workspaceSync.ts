/**
 * Offline sync of this browser's reports with the kraj's shared workspace (the contract: src/core/sync/protocol.ts).
 * A class without Zustand: it reads the local reports and applies the server's copies through a small port
 * (LocalReports), which the store implements with its own actions (an import goes through the obec file's merge
 * rules, as any file does), and keeps what it knows in a ledger (syncLedger.ts).
 *
 * The outbox is not a second copy of the reports: a report is "waiting" when its local revision is not the revision
 * the server last acknowledged. Push sends each waiting report with that revision as its base; the server stores it
 * when its own revision is the base, answers an identical copy as already applied (a retry after a lost answer), and
 * otherwise returns its copy as a conflict, which stays visible until a person chooses. Pull applies the server's
 * changes after the checkpoint to reports that have no unsent edits; a report with unsent edits that changed on the
 * server becomes a conflict instead of losing either edit.
 */
import { OBEC_FILE_FORMAT, OBEC_FILE_SCHEMA_VERSION, type ImportSummary, type ReportFeature } from '../../core/obecFile/obecFileFormat.ts';
import { reportToFeature } from '../../core/obecFile/exportObecFile.ts';
import { checkPhotoBytes, decodePhotoDataUrl, photoDataUrl, photoWithoutData } from '../../core/reports/photoBytes.ts';
import type { PhotoReference, Report } from '../../core/reports/report.ts';
import { isDeletedReport, SYNC_PUSH_MAX_CHANGES, type DeletedReport, type PushChange, type SyncedReview } from '../../core/sync/protocol.ts';
import { mergeServerPackageHistory, type PackageRecord } from '../../core/ctu/packageHistory.ts';
import { EMPTY_REVIEW_STATE, type LocalityStatus, type ReviewState } from '../../core/review/reviewModel.ts';
import { PhotoQueue, type PhotoQueueStorage, type PhotoUploadState } from './photoQueue.ts';
import { emptyLedger, type LedgerEntry, type LedgerStorage, type SyncLedger } from './syncLedger.ts';
import type { WorkspaceClient, WorkspaceFailureCode } from './workspaceClient.ts';

/** The local reports as the sync engine sees them. */
export interface LocalReports {
  /** False while the reports are still being read from storage: nothing is pushed or pulled then. */
  ready(): boolean;
  reports(): Readonly<Record<string, Report>>;
  /** Stores the server's copies through the obec file's merge rules (a higher revision wins). */
  importFeatures(features: ReportFeature[]): Promise<ImportSummary>;
  /** Removes a report the server deleted. */
  deleteLocal(id: string): Promise<void>;
  /**
   * Keeps a photo downloaded from the server in the local report (its data URL, what the obec file and the package
   * embed), without a new revision: the report's content is unchanged, only its bytes arrived.
   */
  attachPhoto(reportId: string, photoId: string, dataUrl: string): Promise<void>;
}

/** A report's photo as the upload queue has it (this browser's photos only; downloaded ones have none). */
export interface ReportPhotoState {
  photoId: string;
  state: PhotoUploadState;
  code?: string;
}

export type ReportSyncState = 'waiting' | 'sent' | 'conflict' | 'rejected';

export interface SyncOutcome {
  ok: boolean;
  failure: WorkspaceFailureCode | null;
  pushed: number;
  pulled: number;
  conflicts: number;
  rejected: number;
}

/** The state of a report in the kraj's process, as the mayor sees it (from the shared review). */
export interface ReportProcessState {
  status: LocalityStatus;
  /** The coordinator's latest note for the obec ("Viditelné pro obec") on the locality, if any. */
  note: string | null;
  localityId: string;
  updatedAt: string;
}

/** The package of a colleague that holds a number on the server (a clash with the package here). */
export interface PackageTakenBy {
  by: string;
  createdAt: string;
  fileName: string;
}

/**
 * Where a package of the history stands with the server: not there yet (the outbox), recorded, or refused with a
 * code; refused as `package.numberTaken`, with the colleague's package that holds the number when the pull saw it.
 */
export type PackageServerState = { state: 'waiting' } | { state: 'sent' } | { state: 'refused'; code: string; takenBy?: PackageTakenBy };

/** What the server has of a package: its bytes (SHA-256) and whether it was marked sent. */
export function packageAckKey(record: PackageRecord): string {
  return `${record.sha256}|${record.sent ? 'sent' : 'built'}`;
}

const MAX_PULL_PAGES = 50;

function obecFileOf(features: ReportFeature[]): string {
  return JSON.stringify({ type: 'FeatureCollection', hluchaMista: { format: OBEC_FILE_FORMAT, schemaVersion: OBEC_FILE_SCHEMA_VERSION }, features });
}

/**
 * A report as the server receives it: the Feature of the obec file, with the photo's reference but not its bytes
 * (those go through the photo upload queue; the server derives the place itself).
 */
export function featureForServer(report: Report): ReportFeature {
  return reportToFeature(report.photo?.dataUrl !== undefined ? { ...report, photo: photoWithoutData(report.photo) } : report);
}

/** The server's copy with this browser's bytes of the same photo kept (pull and the server never carry them). */
function withLocalPhoto(feature: ReportFeature, local: Report | undefined | null): ReportFeature {
  const photo = feature.properties.photo as PhotoReference | null;
  const mine = local?.photo;
  if (!photo || photo.dataUrl !== undefined || !mine?.dataUrl || mine.id !== photo.id || mine.mimeType !== photo.mimeType) return feature;
  return { ...feature, properties: { ...feature.properties, photo: { ...photo, dataUrl: mine.dataUrl } } };
}

/** Most photos one sync downloads (a coordinator's first pull of a kraj: the rest come with the next syncs). */
const MAX_PHOTO_DOWNLOADS_PER_SYNC = 20;

export class WorkspaceSync {
  private ledger: SyncLedger;
  /** What the last pulls brought of the review (for coordinators, merged into the shared review by the store). */
  private pulledReview: ReviewState = EMPTY_REVIEW_STATE;
  private running: Promise<SyncOutcome> | null = null;

  /** The photos' own upload queue (photoQueue.ts). */
  readonly photos: PhotoQueue;

  constructor(
    private readonly client: WorkspaceClient,
    private readonly storage: LedgerStorage | null,
    private readonly local: LocalReports,
    ledger?: SyncLedger,
    photos?: PhotoQueue,
  ) {
    this.ledger = ledger ?? emptyLedger(client.serverUrl);
    this.photos = photos ?? new PhotoQueue(null, client.serverUrl);
  }

  static async open(
    client: WorkspaceClient,
    storage: LedgerStorage | null,
    local: LocalReports,
    photoStorage: PhotoQueueStorage | null = null,
  ): Promise<WorkspaceSync> {
    const stored = storage ? await storage.load(client.serverUrl).catch(() => null) : null;
    const photos = await PhotoQueue.open(photoStorage, client.serverUrl);
    return new WorkspaceSync(client, storage, local, stored ?? undefined, photos);
  }

  /** The upload state of each local report's photo that this browser sends (by report id). */
  photoStates(): Record<string, ReportPhotoState> {
    const result: Record<string, ReportPhotoState> = {};
    for (const report of Object.values(this.local.reports())) {
      const photo = report.photo;
      if (report.demo || !photo) continue;
      const entry = this.photos.entry(report.id, photo.id);
      if (!entry || entry.downloaded) continue;
      result[report.id] = { photoId: photo.id, state: entry.state, ...(entry.code ? { code: entry.code } : {}) };
    }
    return result;
  }

  /** A person asks to send a photo the server refused again (with the next sync). */
  async retryPhoto(reportId: string): Promise<void> {
    const photo = this.local.reports()[reportId]?.photo;
    if (!photo) return;
    this.photos.retry(reportId, photo.id);
    await this.photos.save();
  }

  get serverUrl(): string {
    return this.client.serverUrl;
  }

  /** The sync state of every local report (demo reports never leave the browser and have none). */
  states(): Record<string, ReportSyncState> {
    const result: Record<string, ReportSyncState> = {};
    for (const report of Object.values(this.local.reports())) {
      if (report.demo) continue;
      result[report.id] = this.stateOf(report);
    }
    for (const entry of Object.values(this.ledger.entries)) {
      if (entry.state === 'conflict' && !(entry.id in result)) result[entry.id] = 'conflict';
    }
    return result;
  }

  /** Reports in conflict: the local copy (null when deleted here) and the server's (a tombstone when deleted there). */
  conflicts(): Array<{ id: string; local: Report | null; server: ReportFeature | DeletedReport }> {
    const reports = this.local.reports();
    return Object.values(this.ledger.entries)
      .filter((entry) => entry.state === 'conflict' && entry.server)
      .map((entry) => ({ id: entry.id, local: reports[entry.id] ?? null, server: entry.server! }));
  }

  rejections(): Array<{ id: string; problems: LedgerEntry['problems'] }> {
    return Object.values(this.ledger.entries)
      .filter((entry) => entry.state === 'rejected')
      .map((entry) => ({ id: entry.id, problems: entry.problems ?? [] }));
  }

  /** The state of each report in the kraj's process, from the reviews pulled (the latest review holding it). */
  processStates(): Record<string, ReportProcessState> {
    const result: Record<string, ReportProcessState> = {};
    for (const synced of Object.values(this.ledger.reviews)) {
      const review = synced.review;
      // Only a note for the obec (the server sends a mayor no other; a coordinator's own copy has all of them).
      const note = review.notes.findLast((n) => n.forMayor === true)?.text ?? null;
      for (const reportId of synced.reportIds) {
        const previous = result[reportId];
        if (!previous || previous.updatedAt < review.updatedAt) {
          result[reportId] = { status: review.status, note, localityId: review.localityId, updatedAt: review.updatedAt };
        }
      }
    }
    return result;
  }

  /** Reviews pulled from the server (for coordinators, merged into the shared review by the store). */
  pulledReviews(): SyncedReview[] {
    return Object.values(this.ledger.reviews);
  }

  private stateOf(report: Report): ReportSyncState {
    const entry = this.ledger.entries[report.id];
    if (!entry) return 'waiting';
    if (entry.state === 'conflict') return 'conflict';
    if (entry.state === 'rejected' && entry.rejectedRevision === report.revision) return 'rejected';
    return entry.ackRevision === report.revision ? 'sent' : 'waiting';
  }

  /** One sync: push what waits, then pull what changed. Calls made while one runs share it. */
  sync(): Promise<SyncOutcome> {
    if (!this.running) {
      this.running = this.runSync().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async runSync(): Promise<SyncOutcome> {
    const outcome: SyncOutcome = { ok: true, failure: null, pushed: 0, pulled: 0, conflicts: 0, rejected: 0 };
    if (!this.local.ready()) return outcome;
    const pushed = await this.push(outcome);
    // Photos go once the server has the reports that reference them (this push, or an earlier one).
    if (pushed) await this.uploadPhotos(outcome);
    if (pushed) await this.pull(outcome);
    if (outcome.ok) await this.pullReviews(outcome);
    if (outcome.ok) await this.downloadPhotos(outcome);
    await this.save();
    await this.photos.save();
    outcome.conflicts = this.conflicts().length;
    outcome.rejected = this.rejections().length;
    return outcome;
  }

  private changesToPush(): Array<{ change: PushChange; revision: number | null }> {
    const reports = this.local.reports();
    const changes: Array<{ change: PushChange; revision: number | null }> = [];
    for (const report of Object.values(reports)) {
      if (report.demo) continue;
      if (this.stateOf(report) !== 'waiting') continue;
      const entry = this.ledger.entries[report.id];
      // The photo waits in its own queue; the report goes without its bytes.
      if (report.photo?.dataUrl !== undefined) this.photos.enqueue(report.id, report.photo);
      changes.push({ change: { report: featureForServer(report), baseRevision: entry?.ackRevision ?? null }, revision: report.revision });
    }
    // Deleted here: known to the server, gone locally, not in conflict.
    for (const entry of Object.values(this.ledger.entries)) {
      if (entry.id in reports || entry.state === 'conflict' || entry.ackRevision === null) continue;
      changes.push({ change: { report: { id: entry.id, deleted: true }, baseRevision: entry.ackRevision }, revision: null });
    }
    return changes;
  }

  private async push(outcome: SyncOutcome): Promise<boolean> {
    const all = this.changesToPush();
    for (let start = 0; start < all.length; start += SYNC_PUSH_MAX_CHANGES) {
      const batch = all.slice(start, start + SYNC_PUSH_MAX_CHANGES);
      const answer = await this.client.push({ changes: batch.map((b) => b.change) });
      if (!answer.ok) {
        outcome.ok = false;
        outcome.failure = answer.code;
        return false;
      }
      const sentRevision = new Map(batch.map((b) => [b.change.report.id, b.revision]));
      for (const id of answer.value.accepted) {
        const revision = sentRevision.get(id);
        if (revision === undefined) continue;
        if (revision === null) delete this.ledger.entries[id];
        else this.ledger.entries[id] = { id, ackRevision: revision, state: 'sent' };
        outcome.pushed++;
      }
      for (const conflict of answer.value.conflicts) {
        const previous = this.ledger.entries[conflict.id];
        this.ledger.entries[conflict.id] = { id: conflict.id, ackRevision: previous?.ackRevision ?? null, state: 'conflict', server: conflict.server };
      }
      for (const rejection of answer.value.rejected) {
        if (!rejection.id) continue;
        const previous = this.ledger.entries[rejection.id];
        const revision = sentRevision.get(rejection.id);
        this.ledger.entries[rejection.id] = {
          id: rejection.id,
          ackRevision: previous?.ackRevision ?? null,
          state: 'rejected',
          problems: rejection.problems,
          ...(typeof revision === 'number' ? { rejectedRevision: revision } : {}),
        };
      }
      await this.save();
    }
    return true;
  }

  private async pull(outcome: SyncOutcome): Promise<void> {
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      const answer = await this.client.pull(this.ledger.checkpoint);
      if (!answer.ok) {
        outcome.ok = false;
        outcome.failure = answer.code;
        return;
      }
      await this.applyPulled(answer.value.changes, outcome);
      this.ledger.checkpoint = answer.value.checkpoint;
      await this.save();
      if (!answer.value.more) return;
    }
  }

  private async applyPulled(changes: Array<ReportFeature | DeletedReport>, outcome: SyncOutcome): Promise<void> {
    const toImport: ReportFeature[] = [];
    for (const change of changes) {
      const reports = this.local.reports();
      const id = change.id;
      const entry = this.ledger.entries[id];
      const local = reports[id];
      const dirty = local !== undefined && (entry === undefined || entry.ackRevision !== local.revision);
      if (isDeletedReport(change)) {
        if (!local) {
          delete this.ledger.entries[id];
        } else if (!dirty) {
          delete this.ledger.entries[id];
          await this.local.deleteLocal(id);
          outcome.pulled++;
        } else {
          this.ledger.entries[id] = { id, ackRevision: entry?.ackRevision ?? null, state: 'conflict', server: change };
        }
        continue;
      }
      const revision = change.properties.revision;
      if (entry && entry.ackRevision === revision && entry.state === 'sent') continue; // our own change, echoed back
      if (local && dirty && entry !== undefined) {
        // Unsent edits here and a new copy there: a person chooses.
        this.ledger.entries[id] = { id, ackRevision: entry.ackRevision, state: 'conflict', server: change };
        continue;
      }
      toImport.push(withLocalPhoto(change, local));
    }
    if (toImport.length === 0) return;
    const summary = await this.local.importFeatures(toImport);
    const conflicted = new Set(summary.conflicts.map((c) => c.featureIndex));
    const rejected = new Set(summary.rejected.map((r) => r.featureIndex));
    const reports = this.local.reports();
    toImport.forEach((feature, index) => {
      const revision = feature.properties.revision;
      const id = feature.id;
      if (conflicted.has(index)) {
        this.ledger.entries[id] = { id, ackRevision: this.ledger.entries[id]?.ackRevision ?? null, state: 'conflict', server: feature };
        return;
      }
      if (rejected.has(index)) return; // the server's copy is not readable here (e.g. an older app): left for a later pull
      const local = reports[id];
      // Taken (or the local copy is newer: then it waits to be pushed on this base).
      this.ledger.entries[id] = { id, ackRevision: revision, state: 'sent' };
      if (local && local.revision === revision) outcome.pulled++;
    });
  }

  private async pullReviews(outcome: SyncOutcome): Promise<void> {
    for (let page = 0; page < MAX_PULL_PAGES; page++) {
      const answer = await this.client.pullReview(this.ledger.reviewCheckpoint);
      if (!answer.ok) {
        // Reports synced; the review can wait (a mayor with no review yet, a weak signal).
        if (answer.code !== 'workspace.refused') {
          outcome.ok = false;
          outcome.failure = answer.code;
        }
        return;
      }
      for (const synced of answer.value.reviews) this.ledger.reviews[synced.review.localityId] = synced;
      this.pulledReview = {
        reviews: { ...this.pulledReview.reviews, ...Object.fromEntries(answer.value.reviews.map((r) => [r.review.localityId, r.review])) },
        pins: { ...this.pulledReview.pins, ...Object.fromEntries(answer.value.pins.map((p) => [p.reportId, { localityId: p.localityId, at: p.at }])) },
        audit: [...this.pulledReview.audit, ...answer.value.audit.map(({ kraj: _kraj, ...entry }) => entry)],
      };
      for (const entry of answer.value.audit) this.auditKnown.add(entry.id);
      for (const pin of answer.value.pins) this.ledger.pinsAcked[pin.reportId] = pin.at;
      for (const synced of answer.value.reviews)
        this.ledger.reviewAcks[synced.review.localityId] = { revision: synced.revision, updatedAt: synced.review.updatedAt };
      this.ledger.reviewCheckpoint = answer.value.checkpoint;
      if (!answer.value.more) return;
    }
  }

  /**
   * Resolves a conflict: keep this browser's copy ('mine') or take the server's ('server'). Either way the chosen
   * content gets a revision above both copies and goes out on the server's revision as its base, so the other
   * person's edit is replaced only by a person's decision, and the decision reaches everyone.
   */
  async resolve(id: string, choice: 'mine' | 'server'): Promise<void> {
    const entry = this.ledger.entries[id];
    if (!entry || entry.state !== 'conflict' || !entry.server) return;
    const server = entry.server;
    const local = this.local.reports()[id] ?? null;
    const serverRevision = isDeletedReport(server) ? (server.revision ?? (entry.ackRevision ?? 0) + 1) : server.properties.revision;
    if (choice === 'server' && isDeletedReport(server)) {
      delete this.ledger.entries[id];
      if (local) await this.local.deleteLocal(id);
      await this.save();
      return;
    }
    if (choice === 'mine' && !local) {
      // Deleted here, changed there: the deletion goes out on the server's revision.
      this.ledger.entries[id] = { id, ackRevision: serverRevision, state: 'sent' };
      await this.save();
      return;
    }
    // This browser's photo bytes stay with the chosen copy (the server's copy never carries them).
    const chosen: ReportFeature = choice === 'mine' ? reportToFeature(local!) : withLocalPhoto(server as ReportFeature, local);
    const revision = Math.max(local?.revision ?? 0, serverRevision) + 1;
    const feature: ReportFeature = { ...chosen, properties: { ...chosen.properties, revision } };
    await this.local.importFeatures([feature]);
    this.ledger.entries[id] = { id, ackRevision: serverRevision, state: 'sent' };
    await this.save();
  }

  /** The review pulled since the last call (reviews, pins, audit), for the store to merge; then cleared. */
  takePulledReview(): ReviewState | null {
    const pulled = this.pulledReview;
    this.pulledReview = EMPTY_REVIEW_STATE;
    const empty = Object.keys(pulled.reviews).length === 0 && Object.keys(pulled.pins).length === 0 && pulled.audit.length === 0;
    return empty ? null : pulled;
  }

  private auditKnown = new Set<string>();

  /**
   * Coordinators and kraj staff: pushes what changed in this browser's review of the kraj (reviews whose last change
   * the server has not acknowledged, pins, audit entries it has not seen). Reviews do not conflict: the server merges
   * two people's copies with core's rules and answers the merged one, which comes back through takePulledReview().
   */
  async pushReview(kraj: string, state: ReviewState, reportIdsOf: (localityId: string) => string[]): Promise<WorkspaceFailureCode | null> {
    if (this.auditKnown.size === 0 && this.ledger.auditAcked.length > 0) for (const id of this.ledger.auditAcked) this.auditKnown.add(id);
    const reviews = Object.values(state.reviews)
      .filter((review) => this.ledger.reviewAcks[review.localityId]?.updatedAt !== review.updatedAt)
      .map((review) => ({ review, reportIds: reportIdsOf(review.localityId), baseRevision: this.ledger.reviewAcks[review.localityId]?.revision ?? null }))
      .filter((change) => change.reportIds.length > 0);
    const pins = Object.entries(state.pins)
      .filter(([reportId, pin]) => this.pulledPinAt(reportId) !== pin.at)
      .map(([reportId, pin]) => ({ reportId, localityId: pin.localityId, at: pin.at }));
    const audit = state.audit.filter((entry) => !this.auditKnown.has(entry.id));
    if (reviews.length === 0 && pins.length === 0 && audit.length === 0) return null;
    const answer = await this.client.pushReview({
      kraj,
      reviews: reviews.slice(0, SYNC_PUSH_MAX_CHANGES),
      pins: pins.slice(0, 200),
      audit: audit.slice(0, 200),
    });
    if (!answer.ok) return answer.code;
    for (const accepted of answer.value.accepted.reviews) {
      const review = state.reviews[accepted.localityId];
      if (review) this.ledger.reviewAcks[accepted.localityId] = { revision: accepted.revision, updatedAt: review.updatedAt };
    }
    for (const merged of answer.value.merged) {
      this.ledger.reviews[merged.review.localityId] = merged;
      this.ledger.reviewAcks[merged.review.localityId] = { revision: merged.revision, updatedAt: merged.review.updatedAt };
      this.pulledReview = { ...this.pulledReview, reviews: { ...this.pulledReview.reviews, [merged.review.localityId]: merged.review } };
    }
    for (const pin of pins) if (answer.value.accepted.pins.includes(pin.reportId)) this.ledger.pinsAcked[pin.reportId] = pin.at;
    for (const id of answer.value.accepted.audit) this.auditKnown.add(id);
    this.ledger.auditAcked = [...this.auditKnown];
    await this.save();
    return null;
  }

  private pulledPinAt(reportId: string): string | undefined {
    return this.ledger.pinsAcked[reportId];
  }

  /** The server's packages (from the last pull) whose number a different package here holds: number → that package. */
  private packageClashes: Record<string, PackageTakenBy> = {};

  /** The server state of each package of the history (by number). */
  packageStates(records: readonly PackageRecord[]): Record<string, PackageServerState> {
    const result: Record<string, PackageServerState> = {};
    for (const record of records) {
      const key = packageAckKey(record);
      const refusal = this.ledger.packageRefusals[record.number];
      const takenBy = this.packageClashes[record.number];
      if (this.ledger.packagesAcked[record.number] === key) result[record.number] = { state: 'sent' };
      else if (refusal && refusal.key === key) result[record.number] = { state: 'refused', code: refusal.code, ...(takenBy ? { takenBy } : {}) };
      else result[record.number] = { state: 'waiting' };
    }
    return result;
  }

  /**
   * Coordinators, kraj staff and admins: the kraj's package history on the server, for the store to merge into its
   * own with core's mergeServerPackageHistory (by number and SHA-256). The server's records count as acknowledged
   * (they are what it has); its packages under a number that another package of `history` holds are remembered as
   * clashes for the row that says so. Null: no connection or refused (the local history stays as it is).
   */
  async pullPackages(history: readonly PackageRecord[]): Promise<{ server: PackageRecord[] | null; failure: WorkspaceFailureCode | null }> {
    const answer = await this.client.listPackages();
    if (!answer.ok) return { server: null, failure: answer.code };
    const server = answer.value.packages.map(({ kraj: _kraj, recordedAt: _recordedAt, ...record }) => record as PackageRecord);
    for (const record of server) this.ledger.packagesAcked[record.number] = packageAckKey(record);
    const { clashes } = mergeServerPackageHistory(history, server);
    this.packageClashes = Object.fromEntries(clashes.map((r) => [r.number, { by: r.by, createdAt: r.createdAt, fileName: r.fileName }]));
    await this.save();
    return { server, failure: null };
  }

  /**
   * Kraj staff and admins: records on the server each package of the history it does not have as it is (built, or
   * since marked sent), oldest first. A refusal is kept with its code and not sent again until the record changes or
   * a person retries (retryPackage); no connection stops the round, and the packages wait for the next one.
   */
  async pushPackages(records: readonly PackageRecord[]): Promise<WorkspaceFailureCode | null> {
    const waiting = records
      .filter((record) => this.packageStates([record])[record.number]!.state === 'waiting')
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.number < b.number ? -1 : 1));
    for (const record of waiting) {
      const key = packageAckKey(record);
      const answer = await this.client.pushPackage({ record });
      if (answer.ok) {
        this.ledger.packagesAcked[record.number] = key;
        delete this.ledger.packageRefusals[record.number];
      } else if (answer.code === 'workspace.refused') {
        this.ledger.packageRefusals[record.number] = { key, code: answer.serverCode ?? answer.code };
      } else {
        await this.save();
        return answer.code;
      }
    }
    if (waiting.length > 0) await this.save();
    return null;
  }

  /** A person asks to send a refused package again. */
  async retryPackage(number: string): Promise<void> {
    delete this.ledger.packageRefusals[number];
    await this.save();
  }

  /** Uploads the queued photos whose reports the server has accepted; no connection leaves them waiting. */
  private async uploadPhotos(outcome: SyncOutcome): Promise<void> {
    const reports = this.local.reports();
    this.photos.prune((id) => reports[id]?.photo ?? null);
    const failure = await this.photos.upload(
      (entry) => {
        const report = this.local.reports()[entry.reportId];
        return report !== undefined && report.photo?.id === entry.photoId && report.photo.dataUrl !== undefined && this.stateOf(report) === 'sent';
      },
      async (entry) => {
        const dataUrl = this.local.reports()[entry.reportId]?.photo?.dataUrl;
        const decoded = dataUrl ? decodePhotoDataUrl(dataUrl) : null;
        // Bytes the server would refuse are refused here, with the same code, without a request.
        if (!decoded?.ok) return { outcome: 'refused', code: decoded ? decoded.code : 'photo.missing' };
        const answer = await this.client.putPhoto(entry.reportId, entry.photoId, decoded.mimeType, decoded.bytes);
        if (answer.ok) return { outcome: 'sent' };
        if (answer.code === 'workspace.refused') return { outcome: 'refused', code: answer.serverCode ?? answer.code };
        return { outcome: 'unreachable', failure: answer.code };
      },
    );
    if (failure) {
      outcome.ok = false;
      outcome.failure = failure as WorkspaceFailureCode;
    }
  }

  /**
   * Pulled reports whose photo this browser lacks (a coordinator's, another browser's): the bytes come from the
   * server and stay in the local report, so the obec file and the package embed them. A photo not uploaded yet
   * (404) is asked for again with a later sync.
   */
  private async downloadPhotos(outcome: SyncOutcome): Promise<void> {
    let budget = MAX_PHOTO_DOWNLOADS_PER_SYNC;
    for (const report of Object.values(this.local.reports())) {
      const photo = report.photo;
      if (budget === 0) return;
      if (report.demo || !photo || photo.dataUrl !== undefined || this.stateOf(report) !== 'sent') continue;
      budget--;
      const answer = await this.client.getPhoto(report.id, photo.id);
      if (!answer.ok) {
        if (answer.code === 'workspace.refused') continue;
        outcome.ok = false;
        outcome.failure = answer.code;
        return;
      }
      const checked = checkPhotoBytes(answer.value.mimeType, answer.value.bytes);
      if (!checked.ok || checked.mimeType !== photo.mimeType) continue;
      const current = this.local.reports()[report.id]?.photo;
      if (current?.id !== photo.id || current.dataUrl !== undefined) continue;
      await this.local.attachPhoto(report.id, photo.id, photoDataUrl(checked.mimeType, answer.value.bytes));
      this.photos.markSent(report.id, photo);
    }
    await this.photos.save();
  }

  /** Forgets everything about this server (disconnect); the reports stay. */
  async forget(): Promise<void> {
    await this.photos.forget();
    this.ledger = emptyLedger(this.client.serverUrl);
    await this.storage?.remove(this.client.serverUrl).catch(() => undefined);
  }

  private async save(): Promise<void> {
    await this.storage?.save(this.ledger).catch(() => undefined);
  }
}
