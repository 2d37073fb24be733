import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { prepareObceForSearch, searchObce } from '../../core/text/searchObce.ts';
import type { ObecProperties } from '../../core/units/adminUnits.ts';
import { useT } from '../storeContext.tsx';

const LIMIT = 8;

/** Choose an obec of a list by typing its name (ARIA 1.2 combobox with a listbox popup). */
export function ObecCombobox({ label, obce, onChoose }: { label: string; obce: readonly ObecProperties[]; onChoose(obec: ObecProperties): void }) {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const prepared = useMemo(() => prepareObceForSearch(obce), [obce]);
  const suggestions = useMemo(() => (query.trim() === '' ? [] : searchObce(prepared, query, LIMIT)), [prepared, query]);
  const expanded = open && suggestions.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  const choose = (index: number) => {
    const obec = suggestions[index];
    if (!obec) return;
    setQuery('');
    setOpen(false);
    onChoose(obec);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      setOpen(true);
      setActive((index) => (suggestions.length === 0 ? -1 : (index + 1) % suggestions.length));
    } else if (event.key === 'ArrowUp') {
      setActive((index) => (index <= 0 ? suggestions.length - 1 : index - 1));
    } else if (event.key === 'Enter' && expanded) {
      choose(Math.max(active, 0));
    } else if (event.key === 'Escape') {
      if (expanded) setOpen(false);
      else setQuery('');
    } else return;
    event.preventDefault();
  };

  return (
    <div className="obec-combobox">
      <label htmlFor={`${id}-input`}>{label}</label>
      <div className="combobox">
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${id}-listbox`}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('myObec.placeholder')}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(-1);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
        />
        <ul id={`${id}-listbox`} role="listbox" aria-label={label} className="suggestions" hidden={!expanded}>
          {suggestions.map((obec, index) => (
            <li
              key={obec.kod}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className="suggestion"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(index)}
            >
              <span className="suggestion-name">{obec.nazev}</span>
              <span className="suggestion-meta">
                {t('search.inOrp', { orp: obec.orpNazev })} · {obec.kod}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
