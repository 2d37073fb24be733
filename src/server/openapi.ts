/** The OpenAPI 3.1 document of the shared workspace's HTTP API, served at /api/openapi.json. */
import { PHOTO_MAX_BYTES, PHOTO_MIME_TYPES } from '../core/reports/photoBytes.ts';
import { SYNC_PROBLEM_CODES, SYNC_PULL_MAX_CHANGES, SYNC_PUSH_MAX_CHANGES } from '../core/sync/protocol.ts';

export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const problem = (description: string) => ({ description, ...json(ref('Problem')) });
  const since = {
    name: 'since',
    in: 'query',
    required: false,
    description: 'The checkpoint of the previous pull; absent: from the start.',
    schema: { type: 'string', pattern: '^\\d{1,19}$' },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Hluchá místa — shared workspace',
      version: '1',
      description:
        "The kraj's shared workspace on PostgreSQL/PostGIS. Sign in by a magic link (session cookie), OIDC, or a personal access token (Authorization: Bearer). " +
        "Requests that carry the session cookie and change something must be JSON and come from the server's own origin (or one listed with --allow-origin): otherwise 415 request.jsonOnly or 403 csrf.foreignOrigin. " +
        'What a user reads and writes is decided by row-level security in the database (memberships: mayor of an obec, BCO coordinator / kraj staff / admin of a kraj).',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'hm_session' },
        token: { type: 'http', scheme: 'bearer', description: 'A personal access token (`npx hlucha-mista users token --email E`).' },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['code'],
          properties: { code: { type: 'string', examples: ['auth.required', 'csrf.foreignOrigin', 'request.jsonOnly', 'sync.badCheckpoint'] } },
        },
        ReportFeature: {
          type: 'object',
          description: 'A report exactly as one Feature of the obec file (public/schema/obec-file.schema.json).',
          required: ['type', 'id', 'geometry', 'properties'],
          properties: { type: { const: 'Feature' }, id: { type: 'string', format: 'uuid' }, geometry: { type: 'object' }, properties: { type: 'object' } },
        },
        DeletedReport: { type: 'object', required: ['id', 'deleted'], properties: { id: { type: 'string', format: 'uuid' }, deleted: { const: true } } },
        SyncProblem: {
          type: 'object',
          required: ['path', 'code'],
          properties: {
            path: { type: 'string' },
            code: { type: 'string', description: `core's validation codes, lookup.* or one of ${SYNC_PROBLEM_CODES.join(', ')}` },
            params: { type: 'object' },
          },
        },
        PushRequest: {
          type: 'object',
          required: ['changes'],
          properties: {
            changes: {
              type: 'array',
              maxItems: SYNC_PUSH_MAX_CHANGES,
              items: {
                type: 'object',
                required: ['report', 'baseRevision'],
                properties: {
                  report: { oneOf: [ref('ReportFeature'), ref('DeletedReport')] },
                  baseRevision: {
                    type: ['integer', 'null'],
                    minimum: 1,
                    description: "The revision the server last acknowledged; null for a new report. The Feature's own revision must be higher.",
                  },
                },
              },
            },
          },
        },
        PushResponse: {
          type: 'object',
          required: ['accepted', 'conflicts', 'rejected'],
          properties: {
            accepted: { type: 'array', items: { type: 'string' }, description: 'Stored now, or already stored with identical content (a retry).' },
            conflicts: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'server'],
                properties: { id: { type: 'string' }, server: { oneOf: [ref('ReportFeature'), ref('DeletedReport')] } },
              },
            },
            rejected: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'problems'],
                properties: { id: { type: ['string', 'null'] }, problems: { type: 'array', items: ref('SyncProblem') } },
              },
            },
          },
        },
        PullResponse: {
          type: 'object',
          required: ['changes', 'checkpoint', 'more'],
          properties: {
            changes: { type: 'array', maxItems: SYNC_PULL_MAX_CHANGES, items: { oneOf: [ref('ReportFeature'), ref('DeletedReport')] } },
            checkpoint: { type: 'string', description: 'Opaque; pass as `since`. Sequence order is commit order: nothing that commits later is skipped.' },
            more: { type: 'boolean' },
          },
        },
        LocalityReview: { type: 'object', description: "core's LocalityReview (src/core/review/reviewModel.ts)" },
        AuditEntry: { type: 'object', description: "core's AuditEntry; its id is deterministic, so sending it twice stores it once" },
        ReviewPushRequest: {
          type: 'object',
          required: ['kraj'],
          properties: {
            kraj: { type: 'string', pattern: '^CZ0\\d{2}$' },
            reviews: {
              type: 'array',
              items: {
                type: 'object',
                required: ['review', 'reportIds', 'baseRevision'],
                properties: {
                  review: ref('LocalityReview'),
                  reportIds: { type: 'array', items: { type: 'string', format: 'uuid' } },
                  baseRevision: { type: ['integer', 'null'] },
                },
              },
            },
            pins: {
              type: 'array',
              items: {
                type: 'object',
                required: ['reportId', 'localityId', 'at'],
                properties: { reportId: { type: 'string' }, localityId: { type: 'string' }, at: { type: 'string' } },
              },
            },
            audit: { type: 'array', items: ref('AuditEntry') },
          },
        },
      },
    },
    paths: {
      '/api/health': {
        get: { summary: 'Up, and the database reachable', responses: { 200: { description: 'ok' }, 503: { description: 'database unreachable' } } },
      },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
      '/api/auth/magic-link': {
        post: {
          summary: 'Mail a sign-in link (single-use, 15 minutes). The same answer whether or not the address has an account.',
          requestBody: json({ type: 'object', required: ['email'], properties: { email: { type: 'string', format: 'email' } } }),
          responses: {
            202: { description: 'sent (if the address is invited)', ...json({ type: 'object', properties: { sent: { const: true } } }) },
            400: problem('auth.badEmail'),
            429: problem('auth.tooManyRequests (per client address)'),
          },
        },
      },
      '/api/auth/magic-link/callback': {
        get: {
          summary:
            'The link in the mail: a confirmation page (Czech; English by ?lang=en or Accept-Language) whose button POSTs the token. Opening the link does not use it (e-mail scanners and link previews fetch links)',
          parameters: [
            { name: 'token', in: 'query', required: true, schema: { type: 'string' } },
            { name: 'lang', in: 'query', required: false, schema: { enum: ['cs', 'en'] } },
          ],
          responses: {
            200: { description: 'the page with the "Přihlásit se" button (an HTML form)' },
            400: { description: 'auth.linkExpired, auth.linkUsed or auth.linkUnknown (an HTML page)' },
          },
        },
        post: {
          summary:
            "The page's button: uses the link (once) and signs in (a new session cookie, any earlier one ended), then redirects to the app. The Origin (or, without one, the Referer) must be this server's",
          requestBody: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: { type: 'object', required: ['token'], properties: { token: { type: 'string' }, lang: { enum: ['cs', 'en'] } } },
              },
            },
          },
          responses: {
            303: { description: 'signed in; Set-Cookie hm_session (HttpOnly, SameSite=Lax, Secure except on localhost)' },
            400: { description: 'auth.linkExpired, auth.linkUsed or auth.linkUnknown (an HTML page)' },
            403: { description: 'csrf.foreignOrigin (an HTML page); the link stays usable' },
          },
        },
      },
      '/api/auth/oidc/login': {
        get: { summary: 'Sign in with the configured OIDC provider (when --oidc-issuer is set)', responses: { 302: { description: 'to the provider' } } },
      },
      '/api/auth/oidc/callback': {
        get: {
          summary: "The provider's redirect back",
          responses: { 303: { description: 'signed in' }, 400: { description: 'auth.oidcFailed or auth.notInvited' } },
        },
      },
      '/api/auth/logout': { post: { summary: 'End the session', responses: { 200: { description: 'signed out' } } } },
      '/api/auth/me': {
        get: { summary: 'The signed-in user and their memberships ({user: null} when signed out)', responses: { 200: { description: 'ok' } } },
      },
      '/api/auth/tokens': {
        post: {
          summary: 'A new personal access token (shown once)',
          security: [{ session: [] }, { token: [] }],
          requestBody: json({ type: 'object', properties: { name: { type: 'string' } } }),
          responses: { 201: { description: '{id, token}' }, 401: problem('auth.required') },
        },
      },
      '/api/auth/tokens/{id}': {
        delete: {
          summary: 'Revoke a token',
          security: [{ session: [] }, { token: [] }],
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'revoked' }, 404: problem('auth.unknownToken') },
        },
      },
      '/api/sync/push': {
        post: {
          summary: 'Push report changes with their base revisions',
          description:
            "Accepted when the stored revision equals the base (or the report is new and the base null); identical content counts as already applied; otherwise a conflict with the server's copy. Each Feature is validated by core (as an obec file) and placed by core's lookup; a report outside the user's obce is rejected (sync.outsideScope) by the database's policies. " +
            'A photo is sent by PUT /api/photos/{reportId}/{photoId}; a Feature that still carries it inline (photo.dataUrl: older clients, obec files) is accepted, its bytes checked as an upload is (a bad one: rejected with photo.* at photo.dataUrl) and moved to the photo store, and the report stored without the data URL.',
          security: [{ session: [] }, { token: [] }],
          requestBody: json(ref('PushRequest')),
          responses: {
            200: { description: 'per-change outcome', ...json(ref('PushResponse')) },
            400: problem('sync.badRequest, sync.tooManyChanges'),
            401: problem('auth.required'),
            413: problem('request.tooLarge'),
          },
        },
      },
      '/api/sync/pull': {
        get: {
          summary:
            'Report changes after a checkpoint, deletions included, within what the user may see (a photo as its reference, never its bytes: GET /api/photos/…)',
          security: [{ session: [] }, { token: [] }],
          parameters: [since],
          responses: {
            200: { description: 'changes in commit order', ...json(ref('PullResponse')) },
            400: problem('sync.badCheckpoint'),
            401: problem('auth.required'),
          },
        },
      },
      '/api/review/push': {
        post: {
          summary: "Push locality reviews (merged by core's rules when the base moved on), pins and audit entries",
          security: [{ session: [] }, { token: [] }],
          requestBody: json(ref('ReviewPushRequest')),
          responses: { 200: { description: '{accepted: {reviews, pins, audit}, merged, rejected}' }, 401: problem('auth.required') },
        },
      },
      '/api/review/pull': {
        get: {
          summary:
            'Review changes after a checkpoint (a mayor gets the reviews of localities holding their reports, with only the notes marked for the obec, forMayor, and only their own report ids; no pins, no audit)',
          security: [{ session: [] }, { token: [] }],
          parameters: [since],
          responses: { 200: { description: '{reviews, pins, audit, checkpoint, more}' } },
        },
      },
      '/api/photos/{reportId}/{photoId}': {
        parameters: [
          { name: 'reportId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          { name: 'photoId', in: 'path', required: true, description: "The report's photo.id", schema: { type: 'string', minLength: 1, maxLength: 200 } },
        ],
        put: {
          summary:
            "Upload the bytes of the photo a report references (the obec's mayor, after the report's push was accepted). The type is checked by the bytes; the same bytes again are a retry (200, nothing written)",
          security: [{ session: [] }, { token: [] }],
          requestBody: {
            required: true,
            content: Object.fromEntries(PHOTO_MIME_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary', maxLength: PHOTO_MAX_BYTES } }])),
          },
          responses: {
            201: { description: '{reportId, photoId, sha256, outcome: "stored"}' },
            200: { description: '{reportId, photoId, sha256, outcome: "alreadyStored"} (identical bytes already stored)' },
            400: problem('photo.empty, photo.badId'),
            401: problem('auth.required'),
            403: problem('photo.notAllowed (the report is readable but its photos are the obec mayor’s), csrf.foreignOrigin'),
            404: problem('photo.unknownReport (no such report in the user’s scope)'),
            409: problem('photo.notReferenced (the report references another photo id), photo.typeMismatch, photo.differs (other bytes under that id)'),
            413: problem(`photo.tooLarge (over ${PHOTO_MAX_BYTES} bytes)`),
            415: problem('photo.unsupportedType (not image/jpeg, image/png or image/webp), photo.contentMismatch (the bytes are not that type)'),
          },
        },
        get: {
          summary:
            "The photo the report references now (the obec's mayor; BCO coordinators, kraj staff and admins of the kraj), served as its stored image type with nosniff, inline, sandboxed",
          security: [{ session: [] }, { token: [] }],
          responses: {
            200: {
              description: 'The image bytes',
              content: Object.fromEntries(PHOTO_MIME_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
            },
            401: problem('auth.required'),
            404: problem('photo.notFound (none, not uploaded yet, or not readable by the user)'),
          },
        },
      },
      '/api/packages': {
        get: {
          summary: "The ČTÚ packages recorded for the user's kraje (kraj staff, admins and BCO coordinators of the kraj; a mayor gets none)",
          security: [{ session: [] }, { token: [] }],
          responses: { 200: { description: '{packages: [PackageRecord & {kraj, recordedAt}]}' }, 401: problem('auth.required') },
        },
        post: {
          summary:
            "Record a package as the app's package history has it (kraj staff or admin of its kraj): number, date, who, the ZIP's SHA-256, the selection, every locality with the state it went with; sent again when marked sent",
          security: [{ session: [] }, { token: [] }],
          requestBody: json({
            type: 'object',
            required: ['record'],
            properties: {
              record: {
                type: 'object',
                required: ['number', 'nuts3', 'createdAt', 'by', 'fileName', 'sha256', 'selection', 'localities', 'sent'],
                properties: {
                  number: { type: 'string', examples: ['KV-2026-B001'] },
                  nuts3: { type: 'string' },
                  createdAt: { type: 'string', format: 'date-time' },
                  by: { type: 'string' },
                  fileName: { type: 'string' },
                  sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
                  selection: { type: 'object' },
                  localities: { type: 'array', items: { type: 'object' } },
                  sent: { oneOf: [{ type: 'null' }, { type: 'object', properties: { at: { type: 'string' }, by: { type: 'string' } } }] },
                },
              },
            },
          }),
          responses: {
            201: { description: '{number, outcome: "recorded"}' },
            200: { description: '{number, outcome: "markedSent" | "alreadyRecorded"}' },
            400: problem('package.badRecord'),
            403: problem('package.notAllowed'),
            409: problem('package.numberTaken (another package holds the number)'),
          },
        },
      },
      '/api/public/cells.geojson': {
        get: {
          summary: 'The public layer: H3 cells (resolution 8) backed by at least 4 distinct accounts; no personal data, no demo data',
          responses: { 200: { description: 'GeoJSON FeatureCollection', content: { 'application/geo+json': { schema: { type: 'object' } } } } },
        },
      },
    },
  };
}
