/**
 * `zmeny.csv`: what changed since the kraj's previous package (ctu/packageHistory.ts diffPackages), so ČTÚ does not
 * reread everything: one row per new, changed or withdrawn locality, with what changed and the state before and now.
 */
import { toExcelCsv, type CsvColumn } from '../ctuPackage/excelCsv.ts';
import type { Label } from '../ctuPackage/packageTables.ts';
import type { PackageDiffRow } from './packageHistory.ts';

export const CHANGES_FILE_NAME = 'zmeny.csv';

const CHANGE_WORDS = { new: 'nová', changed: 'změněná', withdrawn: 'stažená' } as const;
const FIELD_WORDS = {
  reports: 'hlášení',
  status: 'stav',
  priority: 'priorita',
  obce: 'obce',
  lastObservation: 'poslední pozorování',
  evidenceLevel: 'úroveň důkazů',
  ctuNotes: 'poznámka pro ČTÚ',
} as const;

export function buildChangesCsv(rows: readonly PackageDiffRow[], previousNumber: string, label: Label): string {
  const columns: Array<CsvColumn<PackageDiffRow>> = [
    { header: 'Předchozí balíček', kind: 'text', value: () => previousNumber },
    { header: 'Změna', kind: 'text', value: (r) => CHANGE_WORDS[r.change] },
    { header: 'Číslo lokality', kind: 'text', value: (r) => r.locality.number },
    { header: 'ID lokality', kind: 'text', value: (r) => r.locality.id },
    { header: 'Oblast', kind: 'text', value: (r) => label(`enum.domain.${r.locality.domain}`) },
    { header: 'Kódy obcí', kind: 'text', value: (r) => r.locality.obce.join(', ') },
    { header: 'Co se změnilo', kind: 'text', value: (r) => r.fields.map((f) => FIELD_WORDS[f]).join(', ') },
    { header: 'Stav dříve', kind: 'text', value: (r) => (r.before ? label(`review.status.${r.before.status}`) : '') },
    { header: 'Stav nyní', kind: 'text', value: (r) => (r.change === 'withdrawn' ? '' : label(`review.status.${r.locality.status}`)) },
    { header: 'Počet hlášení dříve', kind: 'integer', value: (r) => r.before?.reports ?? null },
    { header: 'Počet hlášení nyní', kind: 'integer', value: (r) => (r.change === 'withdrawn' ? null : r.locality.reports) },
  ];
  return toExcelCsv(columns, rows);
}
