/**
 * The app's HTTP client of the shared workspace (src/server; contract in src/core/sync/protocol.ts and
 * /api/openapi.json). Every call answers a value, never throws: a lost connection, a request that stalls on a weak
 * signal (aborted after `timeoutMs`), a signed-out session and the server's coded refusals each have their code.
 */
import type {
  PackageListResponse,
  PackagePushRequest,
  PackagePushResponse,
  PullResponse,
  PushRequest,
  PushResponse,
  ReviewPullResponse,
  ReviewPushRequest,
  ReviewPushResponse,
} from '../../core/sync/protocol.ts';

export type WorkspaceFailureCode =
  /** No connection (fetch failed: offline, DNS, refused). */
  | 'workspace.offline'
  /** No answer within the time limit. */
  | 'workspace.timeout'
  /** Not signed in, or the session ended. */
  | 'workspace.signedOut'
  /** The address answers, but not as a Hluchá místa server. */
  | 'workspace.notAServer'
  /** The server refused the request with a code of its own (`serverCode`). */
  | 'workspace.refused'
  /** The server failed (5xx) or its database is down. */
  | 'workspace.serverError';

export type WorkspaceResult<T> = { ok: true; value: T } | { ok: false; code: WorkspaceFailureCode; serverCode?: string; status?: number };

export type WorkspaceRole = 'mayor' | 'bco' | 'kraj' | 'admin';
export interface WorkspaceMembership {
  role: WorkspaceRole;
  kraj: string | null;
  obecKod: string | null;
}
export interface WorkspaceIdentity {
  user: { id: string; email: string } | null;
  memberships: WorkspaceMembership[];
}

export interface WorkspaceClientOptions {
  fetch?: typeof fetch;
  /** A stalled request is aborted after this many milliseconds (default 20 s). */
  timeoutMs?: number;
  /** A personal access token (scripts, tests); the browser uses the session cookie instead. */
  token?: string;
}

export interface WorkspaceClient {
  readonly serverUrl: string;
  health(): Promise<WorkspaceResult<{ status: string }>>;
  me(): Promise<WorkspaceResult<WorkspaceIdentity>>;
  requestSignInLink(email: string): Promise<WorkspaceResult<{ sent: boolean }>>;
  signOut(): Promise<WorkspaceResult<{ signedOut: boolean }>>;
  push(request: PushRequest): Promise<WorkspaceResult<PushResponse>>;
  pull(since: string): Promise<WorkspaceResult<PullResponse>>;
  pushReview(request: ReviewPushRequest): Promise<WorkspaceResult<ReviewPushResponse>>;
  pullReview(since: string): Promise<WorkspaceResult<ReviewPullResponse>>;
  /** Records a ČTÚ package of the app's package history on the server (kraj staff, admins). */
  pushPackage(request: PackagePushRequest): Promise<WorkspaceResult<PackagePushResponse>>;
  /** The kraj's package history on the server (kraj staff, admins, BCO coordinators; a mayor gets none). */
  listPackages(): Promise<WorkspaceResult<PackageListResponse>>;
  /** Uploads the bytes of a report's photo (after the report's push was accepted). */
  putPhoto(reportId: string, photoId: string, mimeType: string, bytes: Uint8Array): Promise<WorkspaceResult<PhotoUploadAnswer>>;
  /** Downloads a report's photo: its type as the server stored it and its bytes. */
  getPhoto(reportId: string, photoId: string): Promise<WorkspaceResult<{ mimeType: string; bytes: Uint8Array }>>;
}

export interface PhotoUploadAnswer {
  reportId: string;
  photoId: string;
  sha256: string;
  outcome: 'stored' | 'alreadyStored';
}

/** The server's address as the app keeps it: an http(s) origin with an optional path, no trailing slash. */
export function normalizeServerUrl(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === '') return null;
  let url: URL;
  try {
    url = new URL(/^https?:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function createWorkspaceClient(serverUrl: string, options: WorkspaceClientOptions = {}): WorkspaceClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs ?? 20_000;

  async function request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<WorkspaceResult<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    let response: Response;
    try {
      response = await fetchImpl(`${serverUrl}${path}`, {
        method,
        headers,
        credentials: 'include',
        signal: controller.signal,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      clearTimeout(timer);
      return { ok: false, code: controller.signal.aborted ? 'workspace.timeout' : 'workspace.offline' };
    }
    let text: string;
    try {
      text = await response.text();
    } catch {
      clearTimeout(timer);
      return { ok: false, code: controller.signal.aborted ? 'workspace.timeout' : 'workspace.offline' };
    }
    clearTimeout(timer);
    const json = parseJson(text);
    if (response.status === 401) return { ok: false, code: 'workspace.signedOut', status: 401, ...serverCodeOf(json) };
    if (response.status >= 500) return { ok: false, code: 'workspace.serverError', status: response.status, ...serverCodeOf(json) };
    if (json === undefined || !(response.headers.get('content-type') ?? '').includes('json'))
      return { ok: false, code: 'workspace.notAServer', status: response.status };
    if (!response.ok) return { ok: false, code: 'workspace.refused', status: response.status, ...serverCodeOf(json) };
    return { ok: true, value: json as T };
  }

  /** A request whose body or answer is a photo's bytes (the answer of a refusal is still the coded JSON). */
  async function binary<T>(method: 'GET' | 'PUT', path: string, body?: { type: string; bytes: Uint8Array }): Promise<WorkspaceResult<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const headers: Record<string, string> = { Accept: method === 'GET' ? 'image/jpeg, image/png, image/webp, application/json' : 'application/json' };
    if (body) headers['Content-Type'] = body.type;
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    try {
      const response = await fetchImpl(`${serverUrl}${path}`, {
        method,
        headers,
        credentials: 'include',
        signal: controller.signal,
        ...(body ? { body: body.bytes as Uint8Array<ArrayBuffer> } : {}),
      });
      const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const bytes = new Uint8Array(await response.arrayBuffer());
      const json = type.includes('json') ? parseJson(new TextDecoder().decode(bytes)) : undefined;
      if (response.status === 401) return { ok: false, code: 'workspace.signedOut', status: 401, ...serverCodeOf(json) };
      if (response.status >= 500) return { ok: false, code: 'workspace.serverError', status: response.status, ...serverCodeOf(json) };
      if (!response.ok) {
        if (json === undefined) return { ok: false, code: 'workspace.notAServer', status: response.status };
        return { ok: false, code: 'workspace.refused', status: response.status, ...serverCodeOf(json) };
      }
      if (method === 'GET') return { ok: true, value: { mimeType: type, bytes } as T };
      if (json === undefined) return { ok: false, code: 'workspace.notAServer', status: response.status };
      return { ok: true, value: json as T };
    } catch {
      return { ok: false, code: controller.signal.aborted ? 'workspace.timeout' : 'workspace.offline' };
    } finally {
      clearTimeout(timer);
    }
  }
  const photoPath = (reportId: string, photoId: string) => `/api/photos/${encodeURIComponent(reportId)}/${encodeURIComponent(photoId)}`;

  return {
    serverUrl,
    putPhoto: (reportId, photoId, mimeType, bytes) => binary('PUT', photoPath(reportId, photoId), { type: mimeType, bytes }),
    getPhoto: (reportId, photoId) => binary('GET', photoPath(reportId, photoId)),
    health: () => request('GET', '/api/health'),
    me: () => request('GET', '/api/auth/me'),
    requestSignInLink: (email) => request('POST', '/api/auth/magic-link', { email }),
    signOut: () => request('POST', '/api/auth/logout', {}),
    push: (body) => request('POST', '/api/sync/push', body),
    pull: (since) => request('GET', `/api/sync/pull?since=${encodeURIComponent(since)}`),
    pushReview: (body) => request('POST', '/api/review/push', body),
    pullReview: (since) => request('GET', `/api/review/pull?since=${encodeURIComponent(since)}`),
    pushPackage: (body) => request('POST', '/api/packages', body),
    listPackages: () => request('GET', '/api/packages'),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function serverCodeOf(json: unknown): { serverCode?: string } {
  return typeof json === 'object' && json !== null && typeof (json as { code?: unknown }).code === 'string'
    ? { serverCode: (json as { code: string }).code }
    : {};
}
