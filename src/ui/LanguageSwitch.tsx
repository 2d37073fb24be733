import { LANGUAGES } from '../i18n/translate.ts';
import { useAppStore, useT } from './storeContext.tsx';

export function LanguageSwitch() {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const setLanguage = useAppStore((state) => state.setLanguage);
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((code) => (
        <button key={code} type="button" lang={code} aria-pressed={language === code} onClick={() => setLanguage(code)}>
          {t(code === 'cs' ? 'language.cs' : 'language.en')}
        </button>
      ))}
    </div>
  );
}
