/**
 * ORP names as HTML labels on the map (MapLibre symbol layers would need glyph files from the web).
 * Labels ignore the pointer so that clicks and hovers reach the map.
 */
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';
import type { OrpCollection } from '../core/packs/packFormat.ts';
import { labelPoint } from './labelPoint.ts';

export class OrpLabels {
  private markers: Marker[] = [];

  constructor(private readonly map: MapLibreMap) {}

  show(orp: OrpCollection): void {
    this.clear();
    for (const feature of orp.features) {
      const element = document.createElement('div');
      element.className = 'orp-label';
      element.textContent = feature.properties.nazev;
      element.dataset.orpKod = feature.properties.kod;
      const marker = new Marker({ element, anchor: 'center' }).setLngLat(labelPoint(feature.geometry)).addTo(this.map);
      this.markers.push(marker);
    }
  }

  clear(): void {
    for (const marker of this.markers) marker.remove();
    this.markers = [];
  }
}
