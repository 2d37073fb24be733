-- The ČTÚ package as the app records it in its package history (core's PackageRecord, src/core/ctu/packageHistory.ts):
-- its number, who built it, the ZIP's SHA-256, the selection and every locality with the state it had when it went;
-- "Odeslat" adds when and by whom it was sent. One row per (kraj, number); the app sends the record again when it is
-- marked sent (the same SHA-256: the row takes the sent state; another SHA-256 under a taken number is refused).
-- Kraj staff and the kraj's admins record; they and the kraj's BCO coordinators read; mayors see nothing of it.
ALTER TABLE hlucha.package_records
  ADD COLUMN number text CHECK (number ~ '^[A-Z0-9]{1,4}-[0-9]{4}-B[0-9]{3,}$'),
  ADD COLUMN built_by text NOT NULL DEFAULT '',
  ADD COLUMN file_name text NOT NULL DEFAULT '',
  ADD COLUMN selection jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN localities jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(localities) = 'array'),
  ADD COLUMN sent_at text,
  ADD COLUMN sent_by text,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT package_records_sent CHECK ((sent_at IS NULL) = (sent_by IS NULL));
CREATE UNIQUE INDEX package_records_number ON hlucha.package_records (kraj, number) WHERE number IS NOT NULL;

GRANT INSERT (kraj, generated_at, locality_ids, report_ids, manifest_sha256, number, built_by, file_name, selection, localities, sent_at, sent_by)
  ON hlucha.package_records TO hlucha_member;
-- Only the sent state changes after a package is recorded.
GRANT UPDATE (sent_at, sent_by, updated_at) ON hlucha.package_records TO hlucha_member;

CREATE POLICY packages_select_admin ON hlucha.package_records FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('admin'))::text[]));
CREATE POLICY packages_insert_admin ON hlucha.package_records FOR INSERT TO hlucha_member WITH CHECK (kraj = ANY ((SELECT hlucha.scope('admin'))::text[]));
CREATE POLICY packages_update_kraj ON hlucha.package_records FOR UPDATE TO hlucha_member
  USING (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[])) WITH CHECK (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));
CREATE POLICY packages_update_admin ON hlucha.package_records FOR UPDATE TO hlucha_member
  USING (kraj = ANY ((SELECT hlucha.scope('admin'))::text[])) WITH CHECK (kraj = ANY ((SELECT hlucha.scope('admin'))::text[]));
