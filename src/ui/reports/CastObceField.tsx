import { useEffect, useId, useMemo, useState } from 'react';
import type { AddressPointsPack } from '../../core/packs/packFormat.ts';
import type { Report } from '../../core/reports/report.ts';
import { AddressPointIndex, type CastObceSuggestion } from '../../core/reports/suggestCastObce.ts';
import { TEXT_LIMITS } from '../../core/reports/validateReport.ts';
import { loadAddressPoints } from '../../store/packRepository.ts';
import { formatMetres } from '../format.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { TextField } from './formParts.tsx';

/** One index per loaded address-point pack. */
const indexes = new WeakMap<AddressPointsPack, AddressPointIndex>();
function indexOf(pack: AddressPointsPack): AddressPointIndex {
  let index = indexes.get(pack);
  if (!index) {
    index = AddressPointIndex.fromPack(pack);
    indexes.set(pack, index);
  }
  return index;
}

type CastObce = Report['castObce'];

/**
 * Část obce: suggested from the nearest RÚIAN address points (when the kraj's pack has them), confirmed or
 * typed by the mayor; the části obce of the obec are offered while typing.
 */
export function CastObceField({
  report,
  value,
  onChange,
  onCommit,
}: {
  report: Report;
  value: CastObce;
  onChange(value: CastObce, save?: boolean): void;
  onCommit(): void;
}) {
  const t = useT();
  const listId = useId();
  const language = useAppStore((state) => state.language);
  const [pack, setPack] = useState<AddressPointsPack | null>(null);
  const packId = report.place?.kraj.nuts3 ?? null;

  useEffect(() => {
    if (!packId) return;
    let current = true;
    loadAddressPoints(packId).then(
      (loaded) => current && setPack(loaded),
      () => current && setPack(null),
    );
    return () => {
      current = false;
    };
  }, [packId]);

  const place = report.place;
  const suggestion: CastObceSuggestion | null = useMemo(
    () => (pack && place ? indexOf(pack).suggestCastObce(place.wgs84.lon, place.wgs84.lat, place.obec.kod) : null),
    [pack, place],
  );
  const castiObce = useMemo(() => (pack && place ? pack.castiObce.filter((cast) => cast.kodObce === place.obec.kod) : []), [pack, place]);

  const typed = (nazev: string) => {
    if (nazev.trim() === '') return onChange(null);
    const known = castiObce.find((cast) => cast.nazev === nazev.trim());
    onChange({ kod: known?.kod ?? null, nazev });
  };

  return (
    <div className="cast-obce">
      <TextField
        path="castObce.nazev"
        label={t('form.castObce')}
        hint={pack ? t('form.castObce.hint') : t('form.castObce.noAddressPoints')}
        value={value?.nazev ?? ''}
        maxLength={TEXT_LIMITS.castObce}
        list={castiObce.length > 0 ? listId : undefined}
        onChange={typed}
        onCommit={onCommit}
      />
      {castiObce.length > 0 && (
        <datalist id={listId}>
          {castiObce.map((cast) => (
            <option key={cast.kod} value={cast.nazev} />
          ))}
        </datalist>
      )}
      {suggestion && suggestion.kod !== value?.kod && (
        <p className="suggestion-line">
          {t('form.castObce.suggestion', { nazev: suggestion.nazev, distance: formatMetres(language, suggestion.distanceM) })}{' '}
          <button type="button" className="secondary-button" onClick={() => onChange({ kod: suggestion.kod, nazev: suggestion.nazev }, true)}>
            {t('form.castObce.use')}
          </button>
        </p>
      )}
    </div>
  );
}
