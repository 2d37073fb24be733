import { useId, useState } from 'react';
import type { PhotoReference } from '../../core/reports/report.ts';
import { formatCount } from '../format.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { PhotoUploadState } from '../workspace/WorkspacePanel.tsx';
import { downscalePhoto, type PhotoProblem } from './downscalePhoto.ts';

/**
 * An optional photo of the place: chosen from disk or the camera, downscaled, shown as a thumbnail; connected to
 * the kraj's workspace, with its upload state (the photos' own queue) and, when the server refused it, a retry.
 */
export function PhotoField({ photo, onChange, reportId }: { photo: PhotoReference | null; onChange(photo: PhotoReference | null): void; reportId?: string }) {
  const t = useT();
  const id = useId();
  const language = useAppStore((state) => state.language);
  const [problem, setProblem] = useState<PhotoProblem | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    const result = await downscalePhoto(file);
    setBusy(false);
    if (!result.ok) return setProblem(result.code);
    setProblem(null);
    onChange(result.photo);
  };

  // Only data: URLs of images are ever shown (a file could carry anything else in that field).
  const src = photo?.dataUrl && /^data:image\/(jpeg|png|webp);base64,/.test(photo.dataUrl) ? photo.dataUrl : null;
  return (
    <div className="photo-field">
      {photo && (
        <figure className="photo-preview">
          {src ? <img src={src} alt={t('form.photo.alt')} /> : <p className="hint">{t('form.photo.notHere')}</p>}
          <figcaption className="small">
            {t('form.photo.size', { kb: formatCount(language, Math.round(photo.bytes / 1024)) })}
            {reportId && (
              <span className="photo-upload-state">
                {' '}
                <PhotoUploadState reportId={reportId} retry />
              </span>
            )}
          </figcaption>
        </figure>
      )}
      <div className="form-field">
        <label htmlFor={id}>{photo ? t('form.photo.replace') : t('form.photo.choose')}</label>
        <input
          id={id}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-describedby={problem ? `${id}-problem` : `${id}-hint`}
          onChange={(event) => {
            void choose(event.target.files?.[0]);
            event.target.value = '';
          }}
        />
        <p className="field-hint" id={`${id}-hint`}>
          {busy ? t('form.photo.processing') : t('form.photo.hint')}
        </p>
        {problem && (
          <p className="field-problem" id={`${id}-problem`}>
            {t(problem === 'photo.notAnImage' ? 'form.photo.notAnImage' : 'form.photo.unreadable')}
          </p>
        )}
      </div>
      {photo && (
        <button type="button" className="link-button" onClick={() => onChange(null)}>
          {t('form.photo.remove')}
        </button>
      )}
    </div>
  );
}
