import type { MessageKey } from './cs.ts';

/** English UI strings: the same keys as cs.ts (the type checker enforces it). */
export const en: Record<MessageKey, string> = {
  'app.title': 'Hluchá místa',
  'app.subtitle': 'Places without mobile signal',
  'app.skipToMap': 'Skip to the map',

  'language.label': 'Language',
  'language.cs': 'Čeština',
  'language.en': 'English',

  'region.label': 'Region (kraj)',
  'region.loading': 'Loading the region’s boundaries…',
  'region.loadFailed': 'The region’s boundaries could not be loaded. Try again or choose another region.',
  'region.retry': 'Try again',
  'region.summaryTitle': 'Selected region',
  'region.counts': '{obce} municipalities, {orp} ORP',
  'region.boundariesDate': 'Boundaries as of {date}',
  'region.source': 'Source: {attribution}',
  'region.orpListTitle': 'ORP in the region',
  'region.orpZoom': 'Zoom to ORP {nazev}',

  'search.label': 'Find a municipality',
  'search.placeholder': 'e.g. Boží Dar',
  'search.noResults': 'No municipality in the region matches.',
  'search.resultsAvailable': 'Municipality suggestions: {count}. Use the arrow keys and press Enter.',
  'search.inOrp': 'ORP {orp}',

  'map.regionLabel': 'Map',
  'map.canvasLabel': 'Map – {kraj}',
  'map.keyboardHint':
    'Arrow keys pan the map, + and − zoom in and out, Enter identifies the place in the centre of the map.',
  'map.zoomIn': 'Zoom in',
  'map.zoomOut': 'Zoom out',
  'map.resetBearing': 'Reset bearing to north',

  'panel.title': 'Selected place',
  'panel.empty': 'Click the map (or press Enter on the map) to see which municipality, ORP and region a place belongs to.',
  'panel.looking': 'Looking up the place…',
  'panel.close': 'Clear selection',
  'panel.otherKraj': 'The place lies outside the selected region: {kraj}.',
  'panel.switchKraj': 'Switch to {kraj}',

  'place.obec': 'Municipality (obec)',
  'place.kodObce': 'Municipality code',
  'place.kod': 'code',
  'place.orp': 'ORP',
  'place.orpCsu': 'ČSÚ code',
  'place.orpRuian': 'RÚIAN code',
  'place.pou': 'POU',
  'place.okres': 'District (okres)',
  'place.kraj': 'Region (kraj)',
  'place.wgs84': 'WGS84',
  'place.sjtsk': 'S-JTSK',
  'place.unknownCode': 'not given',

  'lookup.outsideCzechia': 'The place lies outside the Czech Republic.',
  'lookup.outsidePack': 'The place lies outside the loaded boundaries.',
  'lookup.noObec': 'No municipality was found at this place.',
  'lookup.invalidCoordinates': 'The place’s coordinates are not valid.',
  'lookup.loadFailed': 'The municipal boundaries needed to look up the place could not be loaded.',
  'lookup.nearest': 'Nearest municipality: {nazev} ({distance} km).',

  'basemap.label': 'Base map',
  'basemap.none': 'None (offline)',
  'basemap.osm': 'OpenStreetMap',
  'basemap.cuzkOrtofoto': 'ČÚZK orthophoto',
  'basemap.cuzkZtm': 'ČÚZK base map (ZTM)',
  'basemap.needsInternet': 'Base maps are downloaded from the internet.',

  'legend.title': 'Legend',
  'legend.kraj': 'Region boundary',
  'legend.orp': 'ORP boundary',
  'legend.obec': 'Municipal boundary',
  'legend.otherKraje': 'Other regions',
  'legend.selectedObec': 'Selected municipality',
  'legend.selectedPoint': 'Selected place',
  'legend.orpTint': 'Tinted by ORP',

  'sidebar.label': 'Place and map information',
};
