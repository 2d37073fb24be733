-- A coordinator's note reaches a mayor only when it is marked for the obec ("Viditelné pro obec", notes[].forMayor in
-- core's ReviewNote); every other note is internal. Row-level security decides rows, not what a row shows, so a
-- mayor no longer reads hlucha.locality_reviews at all: they read this view, which holds the reviews of localities
-- with one of their reports, with the notes for the obec only and the report ids of their own obce only.
-- Not security_invoker: it runs as hlucha_definer (which reads the tables) and filters by the caller's claims itself;
-- security_barrier: no function of the caller's query sees a row or a note before the filter has removed it.
DROP POLICY reviews_select_mayor ON hlucha.locality_reviews;

CREATE VIEW hlucha.locality_reviews_for_mayor WITH (security_barrier = true) AS
SELECT
  lr.kraj,
  lr.locality_id,
  lr.seq,
  lr.revision,
  jsonb_build_object(
    'localityId', lr.review -> 'localityId',
    'status', lr.review -> 'status',
    'priority', lr.review -> 'priority',
    'mergedInto', coalesce(lr.review -> 'mergedInto', 'null'::jsonb),
    'updatedAt', lr.review -> 'updatedAt',
    'notes', (
      SELECT coalesce(jsonb_agg(jsonb_build_object('at', n -> 'at', 'by', n -> 'by', 'text', n -> 'text', 'forMayor', true) ORDER BY o), '[]'::jsonb)
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(lr.review -> 'notes') = 'array' THEN lr.review -> 'notes' ELSE '[]'::jsonb END) WITH ORDINALITY AS x(n, o)
      WHERE n -> 'forMayor' = 'true'::jsonb
    )
  ) || CASE WHEN lr.review ? 'number' THEN jsonb_build_object('number', lr.review -> 'number') ELSE '{}'::jsonb END AS review,
  ARRAY(
    SELECT r.id FROM hlucha.reports r
    WHERE r.id = ANY (lr.report_ids) AND r.kraj = lr.kraj AND r.obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[])
    ORDER BY r.id
  ) AS report_ids
FROM hlucha.locality_reviews lr
WHERE cardinality((SELECT hlucha.scope('mayor'))::text[]) > 0
  AND EXISTS (
    SELECT 1 FROM hlucha.reports r
    WHERE r.id = ANY (lr.report_ids) AND r.kraj = lr.kraj AND r.obec_kod = ANY ((SELECT hlucha.scope('mayor'))::text[])
  );
ALTER VIEW hlucha.locality_reviews_for_mayor OWNER TO hlucha_definer;
REVOKE ALL ON hlucha.locality_reviews_for_mayor FROM PUBLIC;
GRANT SELECT ON hlucha.locality_reviews_for_mayor TO hlucha_member;
