/**
 * The covering letter's settings in "Balíček pro ČTÚ": addressee (ČTÚ's postal address and data box by default),
 * the kraj's office as sender, č. j. and place. Kept per kraj and remembered; a data-box ID the letter would refuse
 * is marked, and the letter is then built with the default.
 */
import { useId } from 'react';
import { CTU_ADDRESSEE, type LetterParty } from '../../core/ctuPackage/letterSettings.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import { letterSettingsOf } from '../../store/packageSlice.ts';
import { useAppStore, useT } from '../storeContext.tsx';

const DATA_BOX = /^[a-z0-9]{7}$/i;

export function LetterSettingsFields() {
  const t = useT();
  const id = useId();
  const settings = useAppStore(letterSettingsOf);
  const setSettings = useAppStore((state) => state.setLetterSettings);
  const setParty = (party: 'addressee' | 'sender', patch: Partial<LetterParty>) => setSettings({ [party]: { ...settings[party], ...patch } });
  const lines = (value: string) => value.split('\n').slice(0, 6);
  const dataBoxField = (party: 'addressee' | 'sender', key: MessageKey) => {
    const value = settings[party].dataBox;
    const invalid = value.trim() !== '' && !DATA_BOX.test(value.trim());
    return (
      <label>
        {t(key)}
        <input
          type="text"
          value={value}
          maxLength={7}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-${party}-box` : undefined}
          onChange={(event) => setParty(party, { dataBox: event.target.value })}
        />
        {invalid && (
          <span className="small message-error" id={`${id}-${party}-box`} role="alert">
            {t('package.letterDataBoxInvalid')}
          </span>
        )}
      </label>
    );
  };
  return (
    <fieldset className="form-section">
      <legend>{t('package.letter')}</legend>
      <p className="small">{t('package.letterExplain')}</p>
      <div className="filter-grid">
        <label>
          {t('package.letterAddressee')}
          <input type="text" value={settings.addressee.name} onChange={(event) => setParty('addressee', { name: event.target.value })} />
        </label>
        <label>
          {t('package.letterAddress')}
          <textarea
            rows={2}
            value={settings.addressee.address.join('\n')}
            onChange={(event) => setParty('addressee', { address: lines(event.target.value) })}
          />
        </label>
        {dataBoxField('addressee', 'package.letterDataBox')}
        <label>
          {t('package.letterEmail')}
          <input type="email" value={settings.addressee.email} onChange={(event) => setParty('addressee', { email: event.target.value })} />
        </label>
        <label>
          {t('package.letterSender')}
          <input type="text" autoComplete="organization" value={settings.sender.name} onChange={(event) => setParty('sender', { name: event.target.value })} />
        </label>
        <label>
          {t('package.letterSenderAddress')}
          <textarea rows={2} value={settings.sender.address.join('\n')} onChange={(event) => setParty('sender', { address: lines(event.target.value) })} />
        </label>
        {dataBoxField('sender', 'package.letterSenderDataBox')}
        <label>
          {t('package.letterReference')}
          <input type="text" value={settings.reference} onChange={(event) => setSettings({ reference: event.target.value })} />
        </label>
        <label>
          {t('package.letterPlace')}
          <input type="text" value={settings.place} onChange={(event) => setSettings({ place: event.target.value })} />
        </label>
      </div>
      <button type="button" className="secondary-button" onClick={() => setSettings({ addressee: CTU_ADDRESSEE })}>
        {t('package.letterReset')}
      </button>
    </fieldset>
  );
}
