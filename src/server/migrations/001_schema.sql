-- Hluchá místa shared workspace: tables. Applied once, in order, by src/server/migrate.ts (recorded in
-- hlucha.schema_migrations). Runs as the database owner (a superuser in the private cluster).
CREATE EXTENSION IF NOT EXISTS postgis;
CREATE SCHEMA IF NOT EXISTS hlucha;

-- Roles (cluster-wide; PostgREST's layout): the server logs in as hlucha_authenticator (no BYPASSRLS, NOINHERIT:
-- it holds nothing itself) and per transaction does SET LOCAL ROLE to one of
--   hlucha_anon    signed out (public layer only)
--   hlucha_member  a signed-in user; which rows they reach comes from their memberships (claims.sub)
--   hlucha_auth    the sign-in service: magic links, sessions, tokens, identities (never reports)
-- hlucha_definer owns the few SECURITY DEFINER helpers (membership scope, change sequence, public layer).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hlucha_anon') THEN CREATE ROLE hlucha_anon NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hlucha_member') THEN CREATE ROLE hlucha_member NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hlucha_auth') THEN CREATE ROLE hlucha_auth NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hlucha_definer') THEN CREATE ROLE hlucha_definer NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hlucha_authenticator') THEN
    CREATE ROLE hlucha_authenticator LOGIN NOINHERIT NOBYPASSRLS NOSUPERUSER NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
GRANT hlucha_anon, hlucha_member, hlucha_auth TO hlucha_authenticator;
GRANT USAGE ON SCHEMA hlucha TO hlucha_anon, hlucha_member, hlucha_auth, hlucha_definer;

-- The kraj's workspace.
CREATE TABLE hlucha.workspaces (
  kraj text PRIMARY KEY CHECK (kraj ~ '^CZ0[0-9]{2}$'),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A person. Identities (issuer + subject) sign in as a user: the magic link's issuer is 'email' with the address as
-- subject; an OIDC provider's is its issuer URL with its `sub`.
CREATE TABLE hlucha.users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled boolean NOT NULL DEFAULT false,
  UNIQUE (email)
);
CREATE TABLE hlucha.identities (
  issuer text NOT NULL,
  subject text NOT NULL,
  user_id uuid NOT NULL REFERENCES hlucha.users ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, subject)
);

-- Roles come from here (granted by an admin), never from an identity provider's claims.
CREATE TABLE hlucha.memberships (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES hlucha.users ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('mayor', 'bco', 'kraj', 'admin')),
  kraj text NOT NULL REFERENCES hlucha.workspaces,
  obec_kod text CHECK (obec_kod ~ '^[0-9]{6}$'),
  granted_by uuid REFERENCES hlucha.users,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((role = 'mayor') = (obec_kod IS NOT NULL))
);
CREATE UNIQUE INDEX memberships_unique ON hlucha.memberships (user_id, role, kraj, coalesce(obec_kod, ''));

-- The obce (RÚIAN) from the boundary packs: the database's own check that a report lies in the obec it is filed
-- under, and the units of the SQL aggregation. Reference data, loaded by the server (src/server/obceTable.ts).
CREATE TABLE hlucha.obce (
  kod text PRIMARY KEY,
  nazev text NOT NULL,
  orp_kod text NOT NULL,
  orp_nazev text NOT NULL,
  okres_kod text NOT NULL,
  kraj text NOT NULL,
  geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX obce_geom ON hlucha.obce USING gist (geom);
CREATE TABLE hlucha.obce_source (id int PRIMARY KEY CHECK (id = 1), pack_checksum text NOT NULL, loaded_at timestamptz NOT NULL DEFAULT now());

-- One counter for every synced change. Assigned by a trigger under a transaction-level advisory lock, so the
-- sequence order is the commit order (see hlucha.assign_change_seq below).
CREATE SEQUENCE hlucha.change_seq;

-- Reports: the obec file's Feature. properties = the Feature's properties without the reporter (personal data,
-- in report_reporters); geometry in geom. place is derived at the server by core's lookup; obec_kod/kraj from it.
CREATE TABLE hlucha.reports (
  id uuid PRIMARY KEY,
  kraj text NOT NULL REFERENCES hlucha.workspaces,
  obec_kod text NOT NULL,
  orp_kod text NOT NULL,
  revision integer NOT NULL CHECK (revision >= 1),
  deleted boolean NOT NULL DEFAULT false,
  -- The Feature's geometry exactly as sent (jsonb keeps the digits) and as PostGIS geometry for indexes and QGIS.
  geometry jsonb NOT NULL,
  geom geometry(Geometry, 4326) NOT NULL,
  properties jsonb NOT NULL,
  content_hash text NOT NULL,
  created_by uuid NOT NULL DEFAULT (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid,
  updated_by uuid NOT NULL DEFAULT (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid,
  seq bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now(),
  description text GENERATED ALWAYS AS (properties ->> 'description') STORED,
  domain text GENERATED ALWAYS AS (properties ->> 'domain') STORED,
  created_at_text text GENERATED ALWAYS AS (properties ->> 'createdAt') STORED,
  demo boolean GENERATED ALWAYS AS ((properties ->> 'demo')::boolean) STORED
);
CREATE UNIQUE INDEX reports_seq ON hlucha.reports (seq);
CREATE INDEX reports_kraj_seq ON hlucha.reports (kraj, seq);
CREATE INDEX reports_obec_seq ON hlucha.reports (obec_kod, seq);
CREATE INDEX reports_geom ON hlucha.reports USING gist (geom);

-- Reporters' personal data (GDPR): a table of its own, readable only by the obec's mayor and the kraj's BCO.
CREATE TABLE hlucha.report_reporters (
  report_id uuid PRIMARY KEY REFERENCES hlucha.reports ON DELETE CASCADE,
  kraj text NOT NULL,
  obec_kod text NOT NULL,
  name text NOT NULL,
  role text NOT NULL,
  contact text NOT NULL
);

-- The shared review (core's ReviewState): locality reviews with a revision (synced like reports), pins, and the
-- audit trail whose ids are deterministic (inserting one twice is a no-op).
CREATE TABLE hlucha.locality_reviews (
  kraj text NOT NULL REFERENCES hlucha.workspaces,
  locality_id text NOT NULL,
  review jsonb NOT NULL,
  status text GENERATED ALWAYS AS (review ->> 'status') STORED,
  report_ids uuid[] NOT NULL DEFAULT '{}',
  revision integer NOT NULL CHECK (revision >= 1),
  content_hash text NOT NULL,
  updated_by uuid NOT NULL DEFAULT (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid,
  seq bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kraj, locality_id)
);
CREATE INDEX locality_reviews_seq ON hlucha.locality_reviews (kraj, seq);
CREATE INDEX locality_reviews_reports ON hlucha.locality_reviews USING gin (report_ids);
CREATE TABLE hlucha.review_pins (
  kraj text NOT NULL REFERENCES hlucha.workspaces,
  report_id uuid NOT NULL,
  locality_id text NOT NULL,
  at text NOT NULL,
  seq bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kraj, report_id)
);
CREATE INDEX review_pins_seq ON hlucha.review_pins (kraj, seq);
CREATE TABLE hlucha.review_audit (
  kraj text NOT NULL REFERENCES hlucha.workspaces,
  id text NOT NULL,
  at text NOT NULL,
  by text NOT NULL,
  action jsonb NOT NULL,
  details jsonb NOT NULL,
  recorded_by uuid NOT NULL DEFAULT (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid,
  seq bigint NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kraj, id)
);
CREATE INDEX review_audit_seq ON hlucha.review_audit (kraj, seq);

-- Which localities and reports a ČTÚ package sent.
CREATE TABLE hlucha.package_records (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kraj text NOT NULL REFERENCES hlucha.workspaces,
  generated_at text NOT NULL,
  locality_ids text[] NOT NULL,
  report_ids uuid[] NOT NULL,
  manifest_sha256 text,
  created_by uuid NOT NULL DEFAULT (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Sign-in. Secrets are stored as SHA-256 hashes only.
CREATE TABLE hlucha.sessions (
  id_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES hlucha.users ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sessions_user ON hlucha.sessions (user_id);
CREATE TABLE hlucha.magic_links (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES hlucha.users ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
-- Every sign-in request (known address or not), for rate limiting; the address is kept hashed.
CREATE TABLE hlucha.auth_requests (
  at timestamptz NOT NULL DEFAULT now(),
  email_hash text NOT NULL,
  ip text NOT NULL
);
CREATE INDEX auth_requests_email ON hlucha.auth_requests (email_hash, at);
CREATE INDEX auth_requests_ip ON hlucha.auth_requests (ip, at);
CREATE TABLE hlucha.access_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES hlucha.users ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  name text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used timestamptz,
  revoked_at timestamptz
);
-- OIDC logins in flight (state, nonce, PKCE verifier), 10 minutes.
CREATE TABLE hlucha.oidc_states (
  state_hash text PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
