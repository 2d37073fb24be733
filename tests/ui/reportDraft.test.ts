import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createEmptyReport } from '../../src/core/reports/createReport.ts';
import { changedFields, editableFields } from '../../src/ui/reports/useReportDraft.ts';

const report = () => createEmptyReport({ type: 'Point', coordinates: [12.87, 50.23] }, { id: randomUUID(), now: '2025-06-01T08:00:00.000Z' });

describe('the form draft', () => {
  it('holds exactly the editable fields (no id, revision, geometry or derived place)', () => {
    const fields = editableFields(report());
    expect(Object.keys(fields).sort()).toEqual(
      [
        'affected',
        'castObce',
        'description',
        'domain',
        'environments',
        'failures',
        'measurements',
        'observations',
        'operators',
        'persistence',
        'photo',
        'reporter',
        'technologies',
        'zsj',
      ].sort(),
    );
  });

  it('saves only what changed, compared by value', () => {
    const stored = editableFields(report());
    const draft = { ...stored, description: 'Údolí', failures: ['noSignal' as const], affected: { inhabitants: null, households: null } };
    expect(changedFields(stored, draft)).toEqual({ description: 'Údolí', failures: ['noSignal'] });
    expect(changedFields(stored, { ...stored })).toEqual({});
  });
});
