-- Row-level security: who reaches which rows. Every table has RLS enabled and FORCEd (even the owner goes through
-- the policies); policies are per membership role × table × operation and read the user from the transaction's
-- claims, set by the server as PostgREST does: SET LOCAL ROLE …; set_config('request.jwt.claims', '{"sub":…}', true).

-- The signed-in user's id from the claims (null when signed out).
CREATE FUNCTION hlucha.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
  SELECT (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')::uuid
$$;

-- The user's scope for one membership role: obec codes for 'mayor', kraj codes for 'bco', 'kraj' and 'admin'.
-- SECURITY DEFINER (as hlucha_definer, which has a read policy on memberships) so that policies on other tables can
-- ask without granting members the whole membership table.
CREATE FUNCTION hlucha.scope(member_role text) RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = hlucha, pg_temp AS $$
  SELECT coalesce(array_agg(DISTINCT CASE WHEN m.role = 'mayor' THEN m.obec_kod ELSE m.kraj END), '{}')
  FROM hlucha.memberships m JOIN hlucha.users u ON u.id = m.user_id
  WHERE m.user_id = hlucha.uid() AND m.role = member_role AND NOT u.disabled
$$;
ALTER FUNCTION hlucha.scope(text) OWNER TO hlucha_definer;

-- Does the geometry lie in (or within about a kilometre of, as core's point lookup allows) the obec it is filed under?
CREATE FUNCTION hlucha.in_obec(g geometry, kod text, kraj_nuts3 text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM hlucha.obce o WHERE o.kod = in_obec.kod AND o.kraj = kraj_nuts3 AND ST_DWithin(o.geom, g, 0.015))
$$;

-- The change sequence: a transaction-level advisory lock is taken before the first number is drawn and held to
-- commit, so a transaction with a lower number has always committed (and is visible) before one with a higher
-- number commits. A pull `WHERE seq > checkpoint` therefore never skips a change that commits late.
CREATE FUNCTION hlucha.assign_change_seq() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = hlucha, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4815162342);
  NEW.seq := nextval('hlucha.change_seq');
  NEW.changed_at := now();
  RETURN NEW;
END $$;
ALTER FUNCTION hlucha.assign_change_seq() OWNER TO hlucha_definer;
GRANT USAGE ON SEQUENCE hlucha.change_seq TO hlucha_definer;
CREATE TRIGGER reports_seq BEFORE INSERT OR UPDATE ON hlucha.reports FOR EACH ROW EXECUTE FUNCTION hlucha.assign_change_seq();
CREATE TRIGGER locality_reviews_seq BEFORE INSERT OR UPDATE ON hlucha.locality_reviews FOR EACH ROW EXECUTE FUNCTION hlucha.assign_change_seq();
CREATE TRIGGER review_pins_seq BEFORE INSERT OR UPDATE ON hlucha.review_pins FOR EACH ROW EXECUTE FUNCTION hlucha.assign_change_seq();
CREATE TRIGGER review_audit_seq BEFORE INSERT OR UPDATE ON hlucha.review_audit FOR EACH ROW EXECUTE FUNCTION hlucha.assign_change_seq();

-- Who wrote a row is the claims' user, not what the client says.
CREATE FUNCTION hlucha.stamp_writer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'reports' THEN
    NEW.updated_by := hlucha.uid();
    IF TG_OP = 'INSERT' THEN NEW.created_by := hlucha.uid(); ELSE NEW.created_by := OLD.created_by; END IF;
  ELSIF TG_TABLE_NAME = 'locality_reviews' THEN NEW.updated_by := hlucha.uid();
  ELSIF TG_TABLE_NAME = 'review_audit' THEN NEW.recorded_by := hlucha.uid();
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER reports_writer BEFORE INSERT OR UPDATE ON hlucha.reports FOR EACH ROW WHEN (hlucha.uid() IS NOT NULL) EXECUTE FUNCTION hlucha.stamp_writer();
CREATE TRIGGER locality_reviews_writer BEFORE INSERT OR UPDATE ON hlucha.locality_reviews FOR EACH ROW WHEN (hlucha.uid() IS NOT NULL) EXECUTE FUNCTION hlucha.stamp_writer();
CREATE TRIGGER review_audit_writer BEFORE INSERT ON hlucha.review_audit FOR EACH ROW WHEN (hlucha.uid() IS NOT NULL) EXECUTE FUNCTION hlucha.stamp_writer();

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['workspaces','users','identities','memberships','obce','obce_source','reports','report_reporters',
    'locality_reviews','review_pins','review_audit','package_records','sessions','magic_links','auth_requests','access_tokens','oidc_states']
  LOOP
    EXECUTE format('ALTER TABLE hlucha.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE hlucha.%I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;

-- Table privileges (the outer gate; the policies below decide the rows).
GRANT SELECT ON hlucha.obce TO hlucha_anon, hlucha_member, hlucha_auth;
GRANT SELECT ON hlucha.workspaces TO hlucha_member;
GRANT SELECT ON hlucha.users TO hlucha_member, hlucha_auth, hlucha_definer;
GRANT INSERT (email) ON hlucha.users TO hlucha_member;
GRANT SELECT, INSERT ON hlucha.identities TO hlucha_auth;
GRANT SELECT ON hlucha.memberships TO hlucha_member, hlucha_definer;
GRANT INSERT (user_id, role, kraj, obec_kod, granted_by), DELETE ON hlucha.memberships TO hlucha_member;
GRANT SELECT, INSERT (id, kraj, obec_kod, orp_kod, revision, deleted, geometry, geom, properties, content_hash),
  UPDATE (kraj, obec_kod, orp_kod, revision, deleted, geometry, geom, properties, content_hash) ON hlucha.reports TO hlucha_member;
GRANT SELECT, INSERT, UPDATE, DELETE ON hlucha.report_reporters TO hlucha_member;
GRANT SELECT, INSERT (kraj, locality_id, review, report_ids, revision, content_hash),
  UPDATE (review, report_ids, revision, content_hash) ON hlucha.locality_reviews TO hlucha_member;
GRANT SELECT, INSERT (kraj, report_id, locality_id, at), UPDATE (locality_id, at) ON hlucha.review_pins TO hlucha_member;
GRANT SELECT, INSERT (kraj, id, at, by, action, details) ON hlucha.review_audit TO hlucha_member;
GRANT SELECT, INSERT (kraj, generated_at, locality_ids, report_ids, manifest_sha256) ON hlucha.package_records TO hlucha_member;
GRANT SELECT, INSERT, UPDATE, DELETE ON hlucha.sessions, hlucha.magic_links, hlucha.auth_requests, hlucha.oidc_states TO hlucha_auth;
GRANT SELECT, INSERT, UPDATE ON hlucha.access_tokens TO hlucha_auth;
GRANT SELECT, INSERT (user_id, token_hash, name), UPDATE (revoked_at) ON hlucha.access_tokens TO hlucha_member;
GRANT DELETE ON hlucha.sessions TO hlucha_member;
GRANT SELECT ON hlucha.sessions TO hlucha_member;

-- Reference data: everyone reads the obce.
CREATE POLICY obce_select_all ON hlucha.obce FOR SELECT TO hlucha_anon, hlucha_member, hlucha_auth USING (true);

-- Workspaces: a member of the kraj in any role.
CREATE POLICY workspaces_select_member ON hlucha.workspaces FOR SELECT TO hlucha_member USING (
  kraj = ANY ((SELECT hlucha.scope('bco')) || (SELECT hlucha.scope('kraj')) || (SELECT hlucha.scope('admin')))
  OR kraj IN (SELECT o.kraj FROM hlucha.obce o WHERE o.kod = ANY ((SELECT hlucha.scope('mayor'))::text[])));

-- Users: oneself; an admin sees the users of their kraj; the sign-in service finds users by address.
CREATE POLICY users_select_self ON hlucha.users FOR SELECT TO hlucha_member USING (id = hlucha.uid());
CREATE POLICY users_select_admin ON hlucha.users FOR SELECT TO hlucha_member USING (
  cardinality((SELECT hlucha.scope('admin'))) > 0 AND id IN (SELECT m.user_id FROM hlucha.memberships m));
CREATE POLICY users_insert_admin ON hlucha.users FOR INSERT TO hlucha_member WITH CHECK (cardinality((SELECT hlucha.scope('admin'))) > 0);
CREATE POLICY users_select_auth ON hlucha.users FOR SELECT TO hlucha_auth USING (true);
CREATE POLICY users_select_definer ON hlucha.users FOR SELECT TO hlucha_definer USING (true);
CREATE POLICY identities_auth ON hlucha.identities FOR ALL TO hlucha_auth USING (true) WITH CHECK (true);

-- Memberships: one's own; an admin manages those of their kraj.
CREATE POLICY memberships_select_self ON hlucha.memberships FOR SELECT TO hlucha_member USING (user_id = hlucha.uid());
CREATE POLICY memberships_select_admin ON hlucha.memberships FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('admin'))::text[]));
CREATE POLICY memberships_insert_admin ON hlucha.memberships FOR INSERT TO hlucha_member WITH CHECK (
  kraj = ANY ((SELECT hlucha.scope('admin'))::text[]) AND (obec_kod IS NULL OR EXISTS (SELECT 1 FROM hlucha.obce o WHERE o.kod = obec_kod AND o.kraj = memberships.kraj)));
CREATE POLICY memberships_delete_admin ON hlucha.memberships FOR DELETE TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('admin'))::text[]));
CREATE POLICY memberships_select_definer ON hlucha.memberships FOR SELECT TO hlucha_definer USING (true);

-- Reports: a mayor reads and writes the reports of their obce (and only geometry that lies there); the kraj's BCO
-- coordinators, kraj staff and admins read the kraj's reports. Nobody deletes a row (a deletion is a tombstone).
CREATE POLICY reports_select_mayor ON hlucha.reports FOR SELECT TO hlucha_member USING (obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[]));
CREATE POLICY reports_select_bco ON hlucha.reports FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY reports_select_kraj ON hlucha.reports FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));
CREATE POLICY reports_select_admin ON hlucha.reports FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('admin'))::text[]));
CREATE POLICY reports_insert_mayor ON hlucha.reports FOR INSERT TO hlucha_member WITH CHECK (
  obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[]) AND hlucha.in_obec(geom, obec_kod, kraj));
CREATE POLICY reports_update_mayor ON hlucha.reports FOR UPDATE TO hlucha_member USING (obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[]))
  WITH CHECK (obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[]) AND hlucha.in_obec(geom, obec_kod, kraj));

-- Reporters' personal data: the obec's mayor and the kraj's BCO coordinators only (not kraj staff, not admins).
CREATE POLICY reporters_select_mayor ON hlucha.report_reporters FOR SELECT TO hlucha_member USING (obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[]));
CREATE POLICY reporters_select_bco ON hlucha.report_reporters FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY reporters_insert_mayor ON hlucha.report_reporters FOR INSERT TO hlucha_member WITH CHECK (
  obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[]) AND EXISTS (SELECT 1 FROM hlucha.reports r WHERE r.id = report_id AND r.obec_kod = report_reporters.obec_kod AND r.kraj = report_reporters.kraj));
CREATE POLICY reporters_update_mayor ON hlucha.report_reporters FOR UPDATE TO hlucha_member USING (obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[]))
  WITH CHECK (obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[]) AND EXISTS (SELECT 1 FROM hlucha.reports r WHERE r.id = report_id AND r.obec_kod = report_reporters.obec_kod AND r.kraj = report_reporters.kraj));
CREATE POLICY reporters_delete_mayor ON hlucha.report_reporters FOR DELETE TO hlucha_member USING (obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[]));

-- The review: BCO coordinators and kraj staff of the kraj read and write; a mayor reads the reviews of localities
-- holding one of their reports (the process state); admins read.
CREATE POLICY reviews_select_bco ON hlucha.locality_reviews FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY reviews_select_kraj ON hlucha.locality_reviews FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));
CREATE POLICY reviews_select_admin ON hlucha.locality_reviews FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('admin'))::text[]));
CREATE POLICY reviews_select_mayor ON hlucha.locality_reviews FOR SELECT TO hlucha_member USING (
  EXISTS (SELECT 1 FROM hlucha.reports r WHERE r.id = ANY (locality_reviews.report_ids) AND r.obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[])));
CREATE POLICY reviews_insert_bco ON hlucha.locality_reviews FOR INSERT TO hlucha_member WITH CHECK (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY reviews_insert_kraj ON hlucha.locality_reviews FOR INSERT TO hlucha_member WITH CHECK (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));
CREATE POLICY reviews_update_bco ON hlucha.locality_reviews FOR UPDATE TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('bco'))::text[])) WITH CHECK (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY reviews_update_kraj ON hlucha.locality_reviews FOR UPDATE TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[])) WITH CHECK (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));

CREATE POLICY pins_select_bco ON hlucha.review_pins FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY pins_select_kraj ON hlucha.review_pins FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));
CREATE POLICY pins_insert_bco ON hlucha.review_pins FOR INSERT TO hlucha_member WITH CHECK (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY pins_insert_kraj ON hlucha.review_pins FOR INSERT TO hlucha_member WITH CHECK (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));
CREATE POLICY pins_update_bco ON hlucha.review_pins FOR UPDATE TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('bco'))::text[])) WITH CHECK (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY pins_update_kraj ON hlucha.review_pins FOR UPDATE TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[])) WITH CHECK (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));

-- The audit trail is append-only: no UPDATE or DELETE policy exists.
CREATE POLICY audit_select_bco ON hlucha.review_audit FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY audit_select_kraj ON hlucha.review_audit FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));
CREATE POLICY audit_select_admin ON hlucha.review_audit FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('admin'))::text[]));
CREATE POLICY audit_insert_bco ON hlucha.review_audit FOR INSERT TO hlucha_member WITH CHECK (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY audit_insert_kraj ON hlucha.review_audit FOR INSERT TO hlucha_member WITH CHECK (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));

-- Package records: kraj staff build and record packages; BCO coordinators read them.
CREATE POLICY packages_select_bco ON hlucha.package_records FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('bco'))::text[]));
CREATE POLICY packages_select_kraj ON hlucha.package_records FOR SELECT TO hlucha_member USING (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));
CREATE POLICY packages_insert_kraj ON hlucha.package_records FOR INSERT TO hlucha_member WITH CHECK (kraj = ANY ((SELECT hlucha.scope('kraj'))::text[]));

-- Sign-in bookkeeping: the sign-in service only; a member sees and ends their own sessions and manages own tokens.
CREATE POLICY sessions_auth ON hlucha.sessions FOR ALL TO hlucha_auth USING (true) WITH CHECK (true);
CREATE POLICY sessions_select_self ON hlucha.sessions FOR SELECT TO hlucha_member USING (user_id = hlucha.uid());
CREATE POLICY sessions_delete_self ON hlucha.sessions FOR DELETE TO hlucha_member USING (user_id = hlucha.uid());
CREATE POLICY magic_links_auth ON hlucha.magic_links FOR ALL TO hlucha_auth USING (true) WITH CHECK (true);
CREATE POLICY auth_requests_auth ON hlucha.auth_requests FOR ALL TO hlucha_auth USING (true) WITH CHECK (true);
CREATE POLICY oidc_states_auth ON hlucha.oidc_states FOR ALL TO hlucha_auth USING (true) WITH CHECK (true);
CREATE POLICY tokens_auth_select ON hlucha.access_tokens FOR SELECT TO hlucha_auth USING (true);
CREATE POLICY tokens_auth_update ON hlucha.access_tokens FOR UPDATE TO hlucha_auth USING (true) WITH CHECK (true);
CREATE POLICY tokens_select_self ON hlucha.access_tokens FOR SELECT TO hlucha_member USING (user_id = hlucha.uid());
CREATE POLICY tokens_insert_self ON hlucha.access_tokens FOR INSERT TO hlucha_member WITH CHECK (user_id = hlucha.uid());
CREATE POLICY tokens_update_self ON hlucha.access_tokens FOR UPDATE TO hlucha_member USING (user_id = hlucha.uid()) WITH CHECK (user_id = hlucha.uid());

-- The public layer's input: representative geometry, the report's public fields and the account behind it (an
-- id, never shown) of every real, live report. Everyone may call it; the server turns it into H3 cells backed by
-- at least 4 distinct accounts with core's publicCells.
CREATE FUNCTION hlucha.public_report_points() RETURNS TABLE (id uuid, geometry text, domain text, failures jsonb, operators jsonb, account uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = hlucha, public, pg_temp AS $$
  SELECT r.id, ST_AsGeoJSON(ST_PointOnSurface(r.geom)), r.domain, r.properties -> 'failures', r.properties -> 'operators', r.created_by
  FROM hlucha.reports r WHERE NOT r.deleted AND NOT r.demo
$$;
CREATE POLICY reports_select_definer ON hlucha.reports FOR SELECT TO hlucha_definer USING (true);
GRANT SELECT ON hlucha.reports TO hlucha_definer;
ALTER FUNCTION hlucha.public_report_points() OWNER TO hlucha_definer;
REVOKE EXECUTE ON FUNCTION hlucha.public_report_points() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION hlucha.public_report_points() TO hlucha_anon, hlucha_member;

-- For QGIS: the reports in EPSG:5514 with the attribute names of the package's GIS layer "hlaseni"
-- (src/core/ctuPackage/gisLayers.ts); codes where the package writes Czech labels. security_invoker: the reader's
-- policies apply (a BCO coordinator sees the kraj, a mayor the obec).
CREATE VIEW hlucha.hlaseni_5514 WITH (security_invoker = true) AS
SELECT
  r.id::text AS id_hlaseni,
  p.locality_id AS id_lokality,
  r.domain AS oblast,
  r.obec_kod AS kod_obce,
  r.properties #>> '{place,obec,nazev}' AS obec,
  r.orp_kod AS orp_kod_csu,
  r.properties #>> '{place,orp,nazev}' AS orp,
  r.properties #>> '{zsj,kod}' AS kod_zsj,
  r.properties #>> '{castObce,nazev}' AS cast_obce,
  GeometryType(r.geom) AS tvar,
  r.description AS popis_lokality,
  (SELECT string_agg(x, ', ') FROM jsonb_array_elements_text(r.properties -> 'failures') x) AS co_nefunguje,
  (SELECT string_agg(x, ', ') FROM jsonb_array_elements_text(r.properties -> 'operators') x) AS operatori,
  (SELECT string_agg(x, ', ') FROM jsonb_array_elements_text(r.properties -> 'technologies') x) AS technologie,
  (SELECT string_agg(x, ', ') FROM jsonb_array_elements_text(r.properties -> 'environments') x) AS prostredi,
  r.properties ->> 'persistence' AS trvani,
  (SELECT string_agg((o ->> 'date') || coalesce(' ' || (o ->> 'time'), ''), ', ') FROM jsonb_array_elements(r.properties -> 'observations') o) AS pozorovani,
  (r.properties #>> '{affected,inhabitants}')::integer AS dotceni_obyvatele_odhad,
  (r.properties #>> '{affected,households}')::integer AS dotcene_domacnosti_odhad,
  jsonb_array_length(r.properties -> 'measurements') AS pocet_mereni,
  CASE WHEN r.demo THEN 'DEMO' ELSE '' END AS ukazkova_data,
  left(r.created_at_text, 10) AS vytvoreno,
  round(ST_X(ST_PointOnSurface(r.geom))::numeric, 6) AS zemepisna_delka_wgs84,
  round(ST_Y(ST_PointOnSurface(r.geom))::numeric, 6) AS zemepisna_sirka_wgs84,
  round(ST_X(ST_Transform(ST_PointOnSurface(r.geom), 5514))::numeric, 2) AS x_s_jtsk_epsg_5514,
  round(ST_Y(ST_Transform(ST_PointOnSurface(r.geom), 5514))::numeric, 2) AS y_s_jtsk_epsg_5514,
  ST_Transform(r.geom, 5514)::geometry(Geometry, 5514) AS geom
FROM hlucha.reports r
LEFT JOIN hlucha.review_pins p ON p.report_id = r.id AND p.kraj = r.kraj
WHERE NOT r.deleted;
GRANT SELECT ON hlucha.hlaseni_5514 TO hlucha_member;
