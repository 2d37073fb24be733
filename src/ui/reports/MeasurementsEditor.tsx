import { useId } from 'react';
import { OPERATOR_CHOICES, TECHNOLOGIES, isOneOf, type OperatorChoice, type TechnologyCode } from '../../core/reports/enumerations.ts';
import type { Measurement } from '../../core/reports/report.ts';
import { MAX_MEASUREMENTS } from '../../core/reports/validateReport.ts';
import { useT } from '../storeContext.tsx';
import { NumberField, TextField } from './formParts.tsx';
import { operatorKey, technologyKey } from './reportText.ts';

/** "2025-06-02T18:30" (the browser's local time) ⇄ an ISO date-time in UTC. */
function toLocalInput(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function fromLocalInput(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString();
}

function emptyMeasurement(): Measurement {
  return {
    takenAt: fromLocalInput(toLocalInput(new Date().toISOString())),
    operator: null,
    technology: null,
    rsrpDbm: null,
    downloadMbps: null,
    uploadMbps: null,
    openTestUuid: null,
  };
}

/** Optional NetTest-style measurements: RSRP, download, upload, operator, technology, time. */
export function MeasurementsEditor({
  measurements,
  onChange,
  onCommit,
}: {
  measurements: Measurement[];
  onChange(measurements: Measurement[], save?: boolean): void;
  onCommit(): void;
}) {
  const t = useT();
  const id = useId();
  const set = (index: number, changes: Partial<Measurement>, save = false) =>
    onChange(
      measurements.map((measurement, i) => (i === index ? { ...measurement, ...changes } : measurement)),
      save,
    );
  return (
    <div className="rows-editor">
      <p className="field-hint">{t('form.measurements.hint')}</p>
      <ol className="rows">
        {measurements.map((measurement, index) => (
          <li key={index} className="row-card">
            <TextField
              path={`measurements[${index}].takenAt`}
              label={t('form.measurement.takenAt')}
              type="datetime-local"
              value={toLocalInput(measurement.takenAt)}
              onChange={(value) => set(index, { takenAt: fromLocalInput(value) })}
              onCommit={onCommit}
            />
            <div className="field-row">
              <div className="form-field">
                <label htmlFor={`${id}-${index}-operator`}>{t('form.measurement.operator')}</label>
                <select
                  id={`${id}-${index}-operator`}
                  value={measurement.operator ?? ''}
                  onChange={(event) =>
                    set(index, { operator: isOneOf<OperatorChoice>(OPERATOR_CHOICES, event.target.value) ? event.target.value : null }, true)
                  }
                >
                  <option value="">{t('form.notGiven')}</option>
                  {OPERATOR_CHOICES.filter((code) => code !== 'all').map((code) => (
                    <option key={code} value={code}>
                      {t(operatorKey(code))}
                    </option>
                  ))}
                </select>
              </div>
              <div className="form-field">
                <label htmlFor={`${id}-${index}-technology`}>{t('form.measurement.technology')}</label>
                <select
                  id={`${id}-${index}-technology`}
                  value={measurement.technology ?? ''}
                  onChange={(event) => set(index, { technology: isOneOf<TechnologyCode>(TECHNOLOGIES, event.target.value) ? event.target.value : null }, true)}
                >
                  <option value="">{t('form.notGiven')}</option>
                  {TECHNOLOGIES.map((code) => (
                    <option key={code} value={code}>
                      {t(technologyKey(code))}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            <div className="field-row field-row-3">
              <NumberField
                path={`measurements[${index}].rsrpDbm`}
                label={t('form.measurement.rsrp')}
                unit="dBm"
                value={measurement.rsrpDbm}
                onCommit={(rsrpDbm) => set(index, { rsrpDbm }, true)}
              />
              <NumberField
                path={`measurements[${index}].downloadMbps`}
                label={t('form.measurement.download')}
                unit="Mbit/s"
                decimals
                value={measurement.downloadMbps}
                onCommit={(downloadMbps) => set(index, { downloadMbps }, true)}
              />
              <NumberField
                path={`measurements[${index}].uploadMbps`}
                label={t('form.measurement.upload')}
                unit="Mbit/s"
                decimals
                value={measurement.uploadMbps}
                onCommit={(uploadMbps) => set(index, { uploadMbps }, true)}
              />
            </div>
            <button
              type="button"
              className="link-button"
              onClick={() =>
                onChange(
                  measurements.filter((_, i) => i !== index),
                  true,
                )
              }
            >
              {t('form.measurement.remove', { number: index + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="secondary-button"
        disabled={measurements.length >= MAX_MEASUREMENTS}
        onClick={() => onChange([...measurements, emptyMeasurement()], true)}
      >
        {t('form.measurement.add')}
      </button>
    </div>
  );
}
