/**
 * The aggregation per ORP or obec in SQL (PostGIS: the reports' geometry joined to the obce polygons), for the
 * kraj's GIS department and as the database-side check of core's aggregateReports (tests/server/aggregate.test.ts).
 * Points count whole in the obec that contains them; runs as the caller (row-level security applies).
 */
import type pg from 'pg';

export interface SqlUnitStatistics {
  kod: string;
  reports: number;
  inhabitantsAffected: number;
  mobile: number;
  fixed: number;
  byOperator: Record<string, number>;
}

export async function aggregatePointsSql(client: pg.ClientBase, by: 'orp' | 'obec'): Promise<SqlUnitStatistics[]> {
  const unit = by === 'orp' ? 'o.orp_kod' : 'o.kod';
  const rows = await client.query<{
    kod: string;
    reports: number;
    inhabitants: number;
    mobile: number;
    fixed: number;
    operators: Record<string, number> | null;
  }>(
    `WITH hits AS (
       SELECT ${unit} AS kod, r.id, r.domain, coalesce((r.properties #>> '{affected,inhabitants}')::numeric, 0) AS inhabitants, r.properties -> 'operators' AS operators
       FROM hlucha.reports r JOIN hlucha.obce o ON ST_Contains(o.geom, r.geom)
       WHERE NOT r.deleted AND GeometryType(r.geom) = 'POINT')
     SELECT h.kod, count(*)::int AS reports, sum(h.inhabitants)::float8 AS inhabitants,
       count(*) FILTER (WHERE h.domain = 'mobile')::int AS mobile, count(*) FILTER (WHERE h.domain = 'fixed')::int AS fixed,
       (SELECT jsonb_object_agg(op, n) FROM (SELECT op, count(*)::int AS n FROM hits h2, jsonb_array_elements_text(h2.operators) op WHERE h2.kod = h.kod GROUP BY op) x) AS operators
     FROM hits h GROUP BY h.kod ORDER BY h.kod`,
  );
  return rows.rows.map((r) => ({
    kod: r.kod,
    reports: r.reports,
    inhabitantsAffected: r.inhabitants,
    mobile: r.mobile,
    fixed: r.fixed,
    byOperator: r.operators ?? {},
  }));
}
