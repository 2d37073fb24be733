/**
 * Seeded NetTest / RTR open-data files for tests and the e2e: rows in the open-rmbt export's column set, placed
 * around given points in Czechia (within a few tens of metres), with a share of weak ones (low RSRP, slow download)
 * and a few rows the import must skip (WLAN, abroad, no location, implausible). Deterministic per seed.
 */
import { seededRandom } from '../../src/core/random/seededRandom.ts';

export const NETTEST_HEADER =
  'open_uuid,open_test_uuid,time_utc,cat_technology,network_type,lat,long,loc_src,loc_accuracy,gkz,zip_code,country_location,download_kbit,upload_kbit,ping_ms,lte_rsrp,lte_rsrq,server_name,test_duration,num_threads,platform,model,client_version,network_mcc_mnc,network_name,sim_mcc_mnc,nat_type,asn,ip_anonym,ndt_download_kbit,ndt_upload_kbit,implausible,signal_strength,pinned,kg_nr,gkz_sa,land_cover,cell_area_code,cell_location_id,channel_number,radio_band,settlement_type,link_id,link_name,link_distance,edge_id,link_frc';

export interface GeneratedRow {
  uuid: string;
  lon: number;
  lat: number;
  networkType: string;
  mccMnc: string;
  downloadKbit: number;
  uploadKbit: number;
  rsrpDbm: number | null;
  accuracyM: number;
  time: string;
  implausible: boolean;
}

export interface GenerateOptions {
  seed: number;
  /** Points [lon, lat] the measurements gather around. */
  around: Array<[number, number]>;
  /** Measurements per point. */
  perPoint: number;
  /** Share of weak measurements (RSRP < −111 dBm and download < 5 Mbit/s). */
  weakShare?: number;
  /** Spread around each point, metres. */
  spreadM?: number;
  /** Add one row of each kind the import skips (WLAN, abroad, no location, implausible). */
  withSkipped?: boolean;
  /** Prefix of the open_test_uuids (a second file with another prefix has no duplicates). */
  prefix?: string;
}

const CELLS = 47;

export function generateNettestRows(options: GenerateOptions): GeneratedRow[] {
  const random = seededRandom(options.seed);
  const spread = options.spreadM ?? 40;
  const prefix = options.prefix ?? 'O';
  const rows: GeneratedRow[] = [];
  let n = 0;
  const uuid = () => `${prefix}${(options.seed * 1_000_000 + n++).toString(16).padStart(8, '0')}-1111-4000-8000-${String(n).padStart(12, '0')}`;
  for (const [lon, lat] of options.around) {
    for (let k = 0; k < options.perPoint; k++) {
      const weak = random() < (options.weakShare ?? 0.5);
      const angle = random() * 2 * Math.PI;
      const distance = random() * spread;
      const type = random() < 0.8 ? 'LTE' : 'NR NSA';
      rows.push({
        uuid: uuid(),
        lon: lon + (Math.cos(angle) * distance) / (111_320 * Math.cos((lat * Math.PI) / 180)),
        lat: lat + (Math.sin(angle) * distance) / 110_574,
        networkType: type,
        mccMnc: ['230-01', '230-02', '230-03'][k % 3]!,
        downloadKbit: weak ? Math.round(300 + random() * 2500) : Math.round(20_000 + random() * 80_000),
        uploadKbit: weak ? Math.round(100 + random() * 600) : Math.round(5_000 + random() * 20_000),
        rsrpDbm: weak ? -112 - Math.floor(random() * 15) : -75 - Math.floor(random() * 25),
        accuracyM: Math.round(3 + random() * 20),
        time: `2026-10-${String(1 + (k % 28)).padStart(2, '0')} ${String(6 + (k % 14)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}:00`,
        implausible: false,
      });
    }
  }
  if (options.withSkipped) {
    const [lon, lat] = options.around[0]!;
    const base = { mccMnc: '230-02', downloadKbit: 1000, uploadKbit: 100, rsrpDbm: -120, accuracyM: 5, time: '2026-10-02 10:00:00', implausible: false };
    rows.push({ ...base, uuid: uuid(), lon, lat, networkType: 'WLAN' });
    rows.push({ ...base, uuid: uuid(), lon: 16.37, lat: 48.2, networkType: 'LTE' });
    rows.push({ ...base, uuid: uuid(), lon: Number.NaN, lat: Number.NaN, networkType: 'LTE' });
    rows.push({ ...base, uuid: uuid(), lon, lat, networkType: 'LTE', implausible: true });
  }
  return rows;
}

export function nettestCsv(rows: readonly GeneratedRow[]): string {
  const names = NETTEST_HEADER.split(',');
  const lines = [NETTEST_HEADER];
  for (const row of rows) {
    const cells = new Array<string>(CELLS).fill('');
    const set = (name: string, value: string | number) => (cells[names.indexOf(name)] = String(value));
    set('open_uuid', `P${row.uuid.slice(1)}`);
    set('open_test_uuid', row.uuid);
    set('time_utc', row.time);
    set('cat_technology', row.networkType.startsWith('NR') ? '5G' : row.networkType === 'WLAN' ? 'WLAN' : '4G');
    set('network_type', row.networkType);
    if (Number.isFinite(row.lat)) set('lat', row.lat.toFixed(6));
    if (Number.isFinite(row.lon)) set('long', row.lon.toFixed(6));
    set('loc_src', 'gps');
    set('loc_accuracy', row.accuracyM.toFixed(1));
    set('download_kbit', row.downloadKbit);
    set('upload_kbit', row.uploadKbit);
    set('ping_ms', '31.5');
    set('lte_rsrp', row.rsrpDbm ?? '');
    set('network_mcc_mnc', row.mccMnc);
    set('sim_mcc_mnc', row.mccMnc);
    set('implausible', row.implausible ? 'true' : 'false');
    set('platform', 'Android');
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
