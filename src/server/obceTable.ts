/**
 * Loads the obce of the country pack (public/packs/CZ/obce.geojson, as the CLI reads it) into hlucha.obce: the
 * database's own check that a report lies in its obec, and the SQL aggregation's units. Reloaded only when the
 * pack changed (its checksum). Runs as the owner.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { ObceCollection } from '../core/packs/packFormat.ts';

export async function loadObce(owner: pg.ClientBase, collection: ObceCollection): Promise<number> {
  const checksum = createHash('sha256')
    .update(collection.features.map((f) => `${f.properties.kod}:${f.properties.krajNuts3}:${JSON.stringify(f.geometry).length}`).join(','))
    .digest('hex');
  const current = await owner.query<{ pack_checksum: string }>('SELECT pack_checksum FROM hlucha.obce_source WHERE id = 1');
  if (current.rows[0]?.pack_checksum === checksum) return 0;
  await owner.query('BEGIN');
  try {
    await owner.query('DELETE FROM hlucha.obce');
    const batch = 250;
    for (let i = 0; i < collection.features.length; i += batch) {
      const rows = collection.features.slice(i, i + batch).map((f) => ({
        kod: f.properties.kod,
        nazev: f.properties.nazev,
        orp_kod: f.properties.orpKod,
        orp_nazev: f.properties.orpNazev,
        okres_kod: f.properties.okresKod,
        kraj: f.properties.krajNuts3,
        geom: JSON.stringify(f.geometry),
      }));
      await owner.query(
        `INSERT INTO hlucha.obce (kod, nazev, orp_kod, orp_nazev, okres_kod, kraj, geom)
         SELECT r.kod, r.nazev, r.orp_kod, r.orp_nazev, r.okres_kod, r.kraj, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.geom), 4326))
         FROM jsonb_to_recordset($1::jsonb) AS r(kod text, nazev text, orp_kod text, orp_nazev text, okres_kod text, kraj text, geom text)`,
        [JSON.stringify(rows)],
      );
    }
    await owner.query(
      `INSERT INTO hlucha.obce_source (id, pack_checksum) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET pack_checksum = EXCLUDED.pack_checksum, loaded_at = now()`,
      [checksum],
    );
    await owner.query('COMMIT');
  } catch (error) {
    await owner.query('ROLLBACK');
    throw error;
  }
  await owner.query('ANALYZE hlucha.obce');
  return collection.features.length;
}
