-- The change sequence drawn at commit instead of at the first write (002 drew it at the write and held the advisory
-- lock for the rest of the transaction: every push waited for the one before it, network round trips included).
-- Now a write leaves seq = 0 (pending: only its own transaction sees the row), and a deferred constraint trigger
-- stamps the number while the transaction commits, under the same transaction-level advisory lock, held only for
-- those few statements inside COMMIT. The lock is released after the commit is visible, so a transaction with a
-- lower number is always visible before one with a higher number commits: sequence order = commit order, and a
-- pull `WHERE seq > checkpoint` never skips a change that commits late.
DROP TRIGGER reports_seq ON hlucha.reports;
DROP TRIGGER locality_reviews_seq ON hlucha.locality_reviews;
DROP TRIGGER review_pins_seq ON hlucha.review_pins;
DROP TRIGGER review_audit_seq ON hlucha.review_audit;
DROP FUNCTION hlucha.assign_change_seq();
DROP INDEX hlucha.reports_seq;
CREATE INDEX reports_seq ON hlucha.reports (seq);

-- A direct write (trigger depth 1) marks the row pending; the stamping UPDATE below (depth 2) keeps its number.
CREATE FUNCTION hlucha.mark_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_trigger_depth() = 1 THEN
    NEW.seq := 0;
    NEW.changed_at := now();
  END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION hlucha.stamp_change_seq() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = hlucha, pg_temp AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(4815162342);
  IF TG_TABLE_NAME = 'reports' THEN
    UPDATE hlucha.reports SET seq = nextval('hlucha.change_seq') WHERE id = NEW.id AND seq = 0;
  ELSIF TG_TABLE_NAME = 'locality_reviews' THEN
    UPDATE hlucha.locality_reviews SET seq = nextval('hlucha.change_seq') WHERE kraj = NEW.kraj AND locality_id = NEW.locality_id AND seq = 0;
  ELSIF TG_TABLE_NAME = 'review_pins' THEN
    UPDATE hlucha.review_pins SET seq = nextval('hlucha.change_seq') WHERE kraj = NEW.kraj AND report_id = NEW.report_id AND seq = 0;
  ELSIF TG_TABLE_NAME = 'review_audit' THEN
    UPDATE hlucha.review_audit SET seq = nextval('hlucha.change_seq') WHERE kraj = NEW.kraj AND id = NEW.id AND seq = 0;
  END IF;
  RETURN NULL;
END $$;
ALTER FUNCTION hlucha.stamp_change_seq() OWNER TO hlucha_definer;

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['reports', 'locality_reviews', 'review_pins', 'review_audit'] LOOP
    EXECUTE format('GRANT SELECT, UPDATE (seq) ON hlucha.%I TO hlucha_definer', t);
    EXECUTE format('CREATE POLICY %I ON hlucha.%I FOR ALL TO hlucha_definer USING (true) WITH CHECK (true)', t || '_stamp_definer', t);
    EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON hlucha.%I FOR EACH ROW EXECUTE FUNCTION hlucha.mark_pending()', t || '_pending', t);
    EXECUTE format('CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE ON hlucha.%I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.seq = 0) EXECUTE FUNCTION hlucha.stamp_change_seq()', t || '_seq', t);
  END LOOP;
END $$;
