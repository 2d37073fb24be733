/**
 * Czech UI strings (the default language). The keys of this table are the typed message keys of the app:
 * every other language must provide the same keys (see en.ts). `{name}` marks a parameter.
 */
export const cs = {
  'app.title': 'Hluchá místa',
  'app.subtitle': 'Místa bez mobilního signálu',
  'app.skipToMap': 'Přeskočit na mapu',

  'language.label': 'Jazyk',
  'language.cs': 'Čeština',
  'language.en': 'English',

  'region.label': 'Kraj',
  'region.loading': 'Načítám hranice kraje…',
  'region.loadFailed': 'Hranice kraje se nepodařilo načíst. Zkuste to znovu nebo zvolte jiný kraj.',
  'region.retry': 'Zkusit znovu',
  'region.summaryTitle': 'Zvolený kraj',
  'region.counts': '{obce} obcí, {orp} ORP',
  'region.boundariesDate': 'Hranice: stav {date}',
  'region.source': 'Zdroj: {attribution}',
  'region.orpListTitle': 'ORP v kraji',
  'region.orpZoom': 'Přiblížit na ORP {nazev}',

  'search.label': 'Hledat obec',
  'search.placeholder': 'např. Boží Dar',
  'search.noResults': 'Žádná obec v kraji neodpovídá.',
  'search.resultsAvailable': 'Návrhy obcí: {count}. Vyberte šipkami a potvrďte klávesou Enter.',
  'search.inOrp': 'ORP {orp}',

  'map.regionLabel': 'Mapa',
  'map.canvasLabel': 'Mapa – {kraj}',
  'map.keyboardHint':
    'Šipkami mapu posunete, klávesami + a − ji přiblížíte nebo oddálíte, Enter zjistí místo uprostřed mapy.',
  'map.zoomIn': 'Přiblížit',
  'map.zoomOut': 'Oddálit',
  'map.resetBearing': 'Natočit k severu',

  'panel.title': 'Vybrané místo',
  'panel.empty': 'Klikněte do mapy (nebo na mapě stiskněte Enter) a uvidíte, do které obce, ORP a kraje místo patří.',
  'panel.looking': 'Zjišťuji, kam místo patří…',
  'panel.close': 'Zrušit výběr',
  'panel.otherKraj': 'Místo leží mimo zvolený kraj: {kraj}.',
  'panel.switchKraj': 'Přepnout na {kraj}',

  'place.obec': 'Obec',
  'place.kodObce': 'Kód obce',
  'place.kod': 'kód',
  'place.orp': 'ORP',
  'place.orpCsu': 'kód ČSÚ',
  'place.orpRuian': 'kód RÚIAN',
  'place.pou': 'POU',
  'place.okres': 'Okres',
  'place.kraj': 'Kraj',
  'place.wgs84': 'WGS84',
  'place.sjtsk': 'S-JTSK',
  'place.unknownCode': 'neuveden',

  'lookup.outsideCzechia': 'Místo leží mimo Českou republiku.',
  'lookup.outsidePack': 'Místo leží mimo načtené hranice.',
  'lookup.noObec': 'Na tomto místě jsme nenašli žádnou obec.',
  'lookup.invalidCoordinates': 'Souřadnice místa nejsou platné.',
  'lookup.loadFailed': 'Hranice obcí pro vyhledání místa se nepodařilo načíst.',
  'lookup.nearest': 'Nejbližší obec: {nazev} ({distance} km).',

  'basemap.label': 'Podkladová mapa',
  'basemap.none': 'Bez podkladu (offline)',
  'basemap.osm': 'OpenStreetMap',
  'basemap.cuzkOrtofoto': 'Ortofoto ČÚZK',
  'basemap.cuzkZtm': 'Základní mapa ČÚZK',
  'basemap.needsInternet': 'Podkladové mapy se stahují z internetu.',

  'legend.title': 'Legenda',
  'legend.kraj': 'Hranice kraje',
  'legend.orp': 'Hranice ORP',
  'legend.obec': 'Hranice obce',
  'legend.otherKraje': 'Ostatní kraje',
  'legend.selectedObec': 'Vybraná obec',
  'legend.selectedPoint': 'Vybrané místo',
  'legend.orpTint': 'Podbarvení podle ORP',

  'sidebar.label': 'Informace o místě a mapě',
} as const;

export type MessageKey = keyof typeof cs;
