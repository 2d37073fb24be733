/**
 * What this browser knows of its sync with one workspace server: per report, the revision the server last
 * acknowledged and the report's state (sent, conflict with the server's copy, rejected with the server's reasons);
 * the pull checkpoints; the reviews pulled (for the mayor's "state in the kraj's process"). Kept in its own IndexedDB
 * database (not the reports' one), one record per server address, so disconnecting or switching servers never
 * touches the reports.
 */
import { wrap, type IDBPDatabase } from 'idb';
import type { ReportFeature } from '../../core/obecFile/obecFileFormat.ts';
import type { DeletedReport, SyncedReview, SyncProblem } from '../../core/sync/protocol.ts';

export const SYNC_LEDGER_DATABASE_NAME = 'hlucha-mista-sync';

export interface LedgerEntry {
  id: string;
  /** The revision the server acknowledged (stored or sent to us); null: the server has never had this report. */
  ackRevision: number | null;
  state: 'sent' | 'conflict' | 'rejected';
  /** In conflict: the server's copy, for a person to choose. */
  server?: ReportFeature | DeletedReport;
  /** Rejected: the server's reasons, and the local revision they were given for (a new edit sends it again). */
  problems?: SyncProblem[];
  rejectedRevision?: number;
}

export interface SyncLedger {
  serverUrl: string;
  entries: Record<string, LedgerEntry>;
  /** Pull checkpoints (opaque decimal strings from the server). */
  checkpoint: string;
  reviewCheckpoint: string;
  /** Reviews pulled from the server, by locality id. */
  reviews: Record<string, SyncedReview>;
  /** Review revisions and audit ids this browser has pushed and the server acknowledged. */
  reviewAcks: Record<string, { revision: number; updatedAt: string }>;
  auditAcked: string[];
  /** Pins (report → locality decisions) the server has: report id → the decision's time. */
  pinsAcked: Record<string, string>;
  /** ČTÚ packages the server has recorded: package number → what it has (packageAckKey: SHA-256 and sent state). */
  packagesAcked: Record<string, string>;
  /** Packages the server refused, with its code and what was sent (a changed record, or a person's retry, goes again). */
  packageRefusals: Record<string, { key: string; code: string }>;
}

export function emptyLedger(serverUrl: string): SyncLedger {
  return {
    serverUrl,
    entries: {},
    checkpoint: '0',
    reviewCheckpoint: '0',
    reviews: {},
    reviewAcks: {},
    auditAcked: [],
    pinsAcked: {},
    packagesAcked: {},
    packageRefusals: {},
  };
}

/** Where the ledger is kept; the browser's is IndexedDB (openLedgerStorage). */
export interface LedgerStorage {
  load(serverUrl: string): Promise<SyncLedger | null>;
  save(ledger: SyncLedger): Promise<void>;
  remove(serverUrl: string): Promise<void>;
}

export async function openLedgerStorage(
  factory: IDBFactory | null | undefined = globalThis.indexedDB,
  name = SYNC_LEDGER_DATABASE_NAME,
): Promise<LedgerStorage | null> {
  if (!factory) return null;
  let database: IDBPDatabase;
  try {
    const request = factory.open(name, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('ledgers', { keyPath: 'serverUrl' });
    };
    database = (await wrap(request)) as IDBPDatabase;
  } catch {
    return null;
  }
  return {
    async load(serverUrl) {
      const stored = (await database.get('ledgers', serverUrl)) as SyncLedger | undefined;
      return stored ? { ...emptyLedger(serverUrl), ...stored } : null;
    },
    async save(ledger) {
      await database.put('ledgers', ledger);
    },
    async remove(serverUrl) {
      await database.delete('ledgers', serverUrl);
    },
  };
}
