import { useId, useState } from 'react';
import type { MessageKey } from '../../i18n/translate.ts';
import { formatShortDate } from '../format.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { FileButton } from '../FileButton.tsx';

/**
 * The ZSJ layer in the region overview: what it is for, load one (GeoJSON from RÚIAN), what is loaded, fill the
 * reports' ZSJ from it, remove it. Problems with the file are said in words; text from the file is shown as text.
 */
export function ZsjLayerPanel() {
  const t = useT();
  const id = useId();
  const language = useAppStore((state) => state.language);
  const layer = useAppStore((state) => state.zsjLayer);
  const notice = useAppStore((state) => state.zsjNotice);
  const loadZsjLayer = useAppStore((state) => state.loadZsjLayer);
  const fillZsjFromLayer = useAppStore((state) => state.fillZsjFromLayer);
  const removeZsjLayer = useAppStore((state) => state.removeZsjLayer);
  const [busy, setBusy] = useState(false);

  const noticeText = notice ? (notice.code === 'zsj.filled' ? t('zsj.filled', notice.params) : t(`problem.${notice.code}` as MessageKey, notice.params)) : null;

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('zsj.title')}</h2>
      <p className="small">{t('zsj.explain')}</p>
      <p>{layer ? t('zsj.loaded', { count: layer.count, name: layer.name, date: formatShortDate(language, layer.loadedAt) }) : t('zsj.none')}</p>
      <div className="list-actions">
        <FileButton
          label={t('zsj.choose')}
          accept=".geojson,.json,application/geo+json,application/json"
          disabled={busy}
          onFiles={([file]) => {
            setBusy(true);
            // Bytes, not file.text(): the core reader recognises UTF-16, binary junk and a renamed ZIP.
            void file!
              .arrayBuffer()
              .then((buffer) => loadZsjLayer(new Uint8Array(buffer), file!.name))
              .catch(() => loadZsjLayer('', file!.name))
              .finally(() => setBusy(false));
          }}
        />
        {layer && (
          <>
            <button type="button" className="secondary-button" title={t('zsj.fill.hint')} onClick={() => void fillZsjFromLayer()}>
              {t('zsj.fill')}
            </button>
            <button type="button" className="secondary-button" onClick={() => void removeZsjLayer()}>
              {t('zsj.remove')}
            </button>
          </>
        )}
      </div>
      <div role="status" aria-live="polite">
        {noticeText && <p className={notice?.code === 'zsj.filled' ? 'message' : 'message message-error'}>{noticeText}</p>}
      </div>
    </section>
  );
}
