/**
 * clusterReports against fixtures (tests/fixtures/clusterReports): each input is a FeatureCollection of reports
 * (properties id, createdAt; the collection's properties give distanceM and pins); the output is the same reports
 * with their locality id and whether they anchor it, to colour by locality in a GIS.
 */
import type { FeatureCollection } from 'geojson';
import { describe, it } from 'vitest';
import { clusterReports } from '../../../src/core/cluster/clusterReports.ts';
import type { ReportGeometry } from '../../../src/core/reports/report.ts';
import { expectFixture, fixtureCases } from '../../support/geoFixtures.ts';

type Input = FeatureCollection<ReportGeometry, { id: string; createdAt: string }> & { properties: { distanceM: number; pins?: Record<string, string> } };

describe('clusterReports fixtures', () => {
  for (const c of fixtureCases<Input>('clusterReports')) {
    it(c.name, () => {
      const reports = c.input.features.map((f) => ({ id: f.properties.id, createdAt: f.properties.createdAt, geometry: f.geometry }));
      const clustering = clusterReports(reports, {
        distanceM: c.input.properties.distanceM,
        ...(c.input.properties.pins ? { pins: c.input.properties.pins } : {}),
      });
      const anchors = new Set(clustering.localities.map((l) => l.reportIds[0]));
      expectFixture(c.out, {
        type: 'FeatureCollection',
        properties: { ...c.input.properties, localities: clustering.localities },
        features: c.input.features.map((f) => ({
          ...f,
          properties: { ...f.properties, locality: clustering.localityOf.get(f.properties.id), anchor: anchors.has(f.properties.id) },
        })),
      });
    });
  }
});
