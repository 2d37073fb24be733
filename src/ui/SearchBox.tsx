import { useId, useState, type KeyboardEvent } from 'react';
import type { ObecSuggestion } from '../store/searchSlice.ts';
import { useAppStore, useT } from './storeContext.tsx';

/** Obec search as an ARIA 1.2 combobox with a listbox popup (WAI-ARIA APG "list autocomplete"). */
export function SearchBox() {
  const t = useT();
  const id = useId();
  const inputId = `${id}-input`;
  const listboxId = `${id}-listbox`;
  const { query, suggestions } = useAppStore((state) => state.search);
  const setSearchQuery = useAppStore((state) => state.setSearchQuery);
  const chooseObec = useAppStore((state) => state.chooseObec);
  const chooseCast = useAppStore((state) => state.chooseCast);
  const closeSuggestions = useAppStore((state) => state.closeSuggestions);
  // The highlighted option is kept by what it names, not by its place: when the části obce arrive and the list is
  // computed again, an option the user has just reached with the arrow keys stays highlighted (typing resets it).
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [typing, setTyping] = useState(false);
  const active = activeKey === null ? -1 : suggestions.findIndex((suggestion) => suggestionKey(suggestion) === activeKey);
  const setActive = (index: number) => setActiveKey(suggestions[index] ? suggestionKey(suggestions[index]) : null);

  const open = suggestions.length > 0;
  const showNoResults = typing && !open && query.trim() !== '';
  const optionId = (index: number) => `${id}-option-${index}`;

  const choose = (index: number) => {
    const suggestion = suggestions[index];
    if (!suggestion) return;
    setTyping(false);
    setActiveKey(null);
    if (suggestion.castKod) chooseCast(suggestion.castKod);
    else chooseObec(suggestion.kod);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    switch (event.key) {
      case 'ArrowDown':
        if (!open) {
          setActiveKey(null);
          setSearchQuery(query);
          setTyping(true);
        } else setActive((active + 1) % suggestions.length);
        event.preventDefault();
        break;
      case 'ArrowUp':
        if (open) setActive(active <= 0 ? suggestions.length - 1 : active - 1);
        event.preventDefault();
        break;
      case 'Enter':
        if (open) {
          choose(Math.max(active, 0));
          event.preventDefault();
        }
        break;
      case 'Escape':
        if (open || showNoResults) {
          closeSuggestions();
          setActiveKey(null);
          setTyping(false);
        } else setSearchQuery('');
        event.preventDefault();
        break;
    }
  };

  return (
    <div className="field search">
      <label htmlFor={inputId}>{t('search.label')}</label>
      <div className="combobox">
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listboxId}
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          enterKeyHint="search"
          placeholder={t('search.placeholder')}
          value={query}
          onChange={(event) => {
            setTyping(true);
            setActiveKey(null);
            setSearchQuery(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setTyping(false);
            closeSuggestions();
          }}
        />
        <ul id={listboxId} role="listbox" aria-label={t('search.label')} className="suggestions" hidden={!open}>
          {suggestions.map((suggestion, index) => (
            <li
              key={suggestionKey(suggestion)}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className="suggestion"
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => choose(index)}
            >
              <span className="suggestion-name">{suggestion.castNazev ?? suggestion.nazev}</span>
              <span className="suggestion-meta">
                {suggestion.castNazev && `${t('search.castOf', { obec: suggestion.nazev })} · `}
                {t('search.inOrp', { orp: suggestion.orpNazev })} · {suggestion.okresNazev}
              </span>
            </li>
          ))}
        </ul>
        {showNoResults && <p className="suggestions suggestions-empty">{t('search.noResults')}</p>}
      </div>
      <p className="visually-hidden" role="status">
        {open ? t('search.resultsAvailable', { count: suggestions.length }) : showNoResults ? t('search.noResults') : ''}
      </p>
    </div>
  );
}

/** What an option names: an obec, or a část obce. */
function suggestionKey(suggestion: ObecSuggestion): string {
  return suggestion.castKod ? `cast-${suggestion.castKod}` : suggestion.kod;
}
