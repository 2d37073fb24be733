-- Report photos get a table of their own: a report row keeps only the reference {id, mimeType, bytes}, so pushing an
-- edited report no longer re-sends the image and the reports table holds no image bytes. The app uploads a photo by
-- PUT /api/photos/{reportId}/{photoId} after the report's push was accepted; older clients (and obec files imported
-- into the server) still push the photo inline as `photo.dataUrl`, and the server moves those bytes here.
-- Rows are filed under the report's kraj and obec (as report_reporters are), so the policies read like the reports'.
CREATE TABLE hlucha.report_photos (
  report_id uuid NOT NULL REFERENCES hlucha.reports ON DELETE CASCADE,
  photo_id text NOT NULL CHECK (length(photo_id) BETWEEN 1 AND 200),
  kraj text NOT NULL,
  obec_kod text NOT NULL,
  mime_type text NOT NULL CHECK (mime_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes integer NOT NULL CHECK (bytes BETWEEN 1 AND 2097152),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  data bytea NOT NULL,
  uploaded_by uuid NOT NULL DEFAULT (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (report_id, photo_id),
  CHECK (octet_length(data) = bytes)
);
ALTER TABLE hlucha.report_photos ENABLE ROW LEVEL SECURITY;
ALTER TABLE hlucha.report_photos FORCE ROW LEVEL SECURITY;

-- Who uploaded is the claims' user, not what the client says.
CREATE FUNCTION hlucha.stamp_photo_uploader() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.uploaded_by := hlucha.uid();
  NEW.uploaded_at := now();
  RETURN NEW;
END $$;
CREATE TRIGGER report_photos_uploader BEFORE INSERT ON hlucha.report_photos FOR EACH ROW WHEN (hlucha.uid() IS NOT NULL)
  EXECUTE FUNCTION hlucha.stamp_photo_uploader();

-- The obec's mayor inserts photos of their obec's reports (only when the report row exists, filed under the same
-- obec and kraj, in their scope) and reads them; the kraj's BCO coordinators, kraj staff and admins read; nobody
-- updates or deletes (a replaced photo is a new photo id); signed out: nothing (no grant to hlucha_anon at all).
GRANT SELECT, INSERT (report_id, photo_id, kraj, obec_kod, mime_type, bytes, sha256, data) ON hlucha.report_photos TO hlucha_member;
CREATE POLICY photos_select_mayor ON hlucha.report_photos FOR SELECT TO hlucha_member USING (obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[]));
CREATE POLICY photos_select_bco ON hlucha.report_photos FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY photos_select_kraj ON hlucha.report_photos FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));
CREATE POLICY photos_select_admin ON hlucha.report_photos FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('admin'))::text[]));
CREATE POLICY photos_insert_mayor ON hlucha.report_photos FOR INSERT TO hlucha_member WITH CHECK (
  obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[])
  AND EXISTS (SELECT 1 FROM hlucha.reports r WHERE r.id = report_id AND r.obec_kod = report_photos.obec_kod AND r.kraj = report_photos.kraj AND NOT r.deleted));

-- Photos already stored inline (pushed before this migration): their bytes move here, and the data URL leaves the
-- report's properties. Only what an upload would accept moves (type by its first bytes, within the limit); anything
-- else stays where it is (never served: pull drops `photo.dataUrl`). content_hash is kept as it is: a client that
-- retries the same push (data URL included) is still recognised as an already-applied retry (src/server/reportSync.ts
-- compares the hash with and without the data URL).
WITH inline AS (
  SELECT r.id, r.kraj, r.obec_kod, r.created_by, r.properties -> 'photo' ->> 'id' AS photo_id, r.properties -> 'photo' ->> 'mimeType' AS mime_type,
    decode(substring(r.properties -> 'photo' ->> 'dataUrl' FROM '^data:image/(?:jpeg|png|webp);base64,(.*)$'), 'base64') AS data
  FROM hlucha.reports r
  WHERE jsonb_typeof(r.properties -> 'photo') = 'object' AND r.properties -> 'photo' ? 'dataUrl'
    AND r.properties -> 'photo' ->> 'dataUrl' ~ '^data:image/(jpeg|png|webp);base64,[A-Za-z0-9+/=]*$'
    AND (r.properties -> 'photo' ->> 'dataUrl') LIKE 'data:' || (r.properties -> 'photo' ->> 'mimeType') || ';base64,%'
    AND length(r.properties -> 'photo' ->> 'id') BETWEEN 1 AND 200
), moved AS (
  INSERT INTO hlucha.report_photos (report_id, photo_id, kraj, obec_kod, mime_type, bytes, sha256, data, uploaded_by)
  SELECT id, photo_id, kraj, obec_kod, mime_type, octet_length(data), encode(sha256(data), 'hex'), data, created_by FROM inline
  WHERE octet_length(data) BETWEEN 1 AND 2097152
    AND CASE mime_type
      WHEN 'image/jpeg' THEN substring(data FROM 1 FOR 3) = '\xffd8ff'::bytea
      WHEN 'image/png' THEN substring(data FROM 1 FOR 8) = '\x89504e470d0a1a0a'::bytea
      ELSE substring(data FROM 1 FOR 4) = '\x52494646'::bytea AND substring(data FROM 9 FOR 4) = '\x57454250'::bytea END
  ON CONFLICT DO NOTHING
  RETURNING report_id
)
UPDATE hlucha.reports r SET properties = r.properties #- '{photo,dataUrl}' FROM moved WHERE r.id = moved.report_id;
