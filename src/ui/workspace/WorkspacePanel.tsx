/**
 * "Sdílený pracovní prostor kraje": connecting the app to the kraj's server, signing in by an e-mailed link, the
 * outbox (what waits, what is in conflict and why something was refused) and "sync now". Without a server the
 * panel says the app works in this browser alone and offers the address field.
 */
import { useId, useState, type FormEvent } from 'react';
import type { MessageKey } from '../../i18n/translate.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { isCoordinatorRole } from '../../store/workspaceSlice.ts';

const FAILURE_KEYS: Record<string, MessageKey> = {
  'workspace.offline': 'workspace.failure.offline',
  'workspace.timeout': 'workspace.failure.timeout',
  'workspace.signedOut': 'workspace.failure.signedOut',
  'workspace.notAServer': 'workspace.failure.notAServer',
  'workspace.refused': 'workspace.failure.refused',
  'workspace.serverError': 'workspace.failure.serverError',
  'workspace.badAddress': 'workspace.failure.badAddress',
  'workspace.badEmail': 'workspace.failure.badEmail',
};

export function WorkspacePanel() {
  const t = useT();
  const workspace = useAppStore((state) => state.workspace);
  const headingId = useId();
  return (
    <section className="panel workspace-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('workspace.title')}</h2>
      {workspace.serverUrl === null ? <ConnectForm /> : <ConnectedWorkspace />}
    </section>
  );
}

function ConnectForm() {
  const t = useT();
  const connect = useAppStore((state) => state.connectWorkspace);
  const connecting = useAppStore((state) => state.workspace.connection === 'connecting');
  const [address, setAddress] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const inputId = useId();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await connect(address);
    setFailure(result.ok ? null : result.code);
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} className="workspace-connect">
      <p className="hint">{t('workspace.browserOnly')}</p>
      <label htmlFor={inputId}>{t('workspace.addressLabel')}</label>
      <input
        id={inputId}
        type="url"
        inputMode="url"
        autoComplete="url"
        placeholder="https://hlucha-mista.kraj-example.cz"
        value={address}
        onChange={(e) => setAddress(e.target.value)}
      />
      <button type="submit" disabled={connecting || address.trim() === ''}>
        {t('workspace.connect')}
      </button>
      {failure && (
        <p role="alert" className="error">
          {t(FAILURE_KEYS[failure] ?? 'workspace.failure.refused')}
        </p>
      )}
    </form>
  );
}

function ConnectedWorkspace() {
  const t = useT();
  const workspace = useAppStore((state) => state.workspace);
  const disconnect = useAppStore((state) => state.disconnectWorkspace);
  const signedIn = workspace.identity?.user ?? null;
  return (
    <>
      <p className="workspace-server">
        {t('workspace.server')} <span className="mono">{workspace.serverUrl}</span>
      </p>
      <p role="status" className={`workspace-connection workspace-${workspace.connection}`}>
        {t(`workspace.connection.${workspace.connection}` as MessageKey)}
        {workspace.failure && workspace.failure !== 'workspace.offline' && workspace.failure !== 'workspace.signedOut'
          ? ` ${t(FAILURE_KEYS[workspace.failure] ?? 'workspace.failure.refused')}`
          : ''}
      </p>
      {signedIn ? <SignedIn email={signedIn.email} /> : workspace.identity ? <SignInForm /> : null}
      <button type="button" className="link-button" onClick={() => void disconnect()}>
        {t('workspace.disconnect')}
      </button>
    </>
  );
}

function SignInForm() {
  const t = useT();
  const requestLink = useAppStore((state) => state.requestSignInLink);
  const linkRequestedFor = useAppStore((state) => state.workspace.linkRequestedFor);
  // Opened from an invitation's link: the invited address is filled in, one press asks for the sign-in link.
  const invitedEmail = useAppStore((state) => state.workspace.invitedEmail);
  const [email, setEmail] = useState(invitedEmail ?? '');
  const [failure, setFailure] = useState<string | null>(null);
  const inputId = useId();
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await requestLink(email);
    setFailure(result.ok ? null : (result.code ?? 'workspace.refused'));
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} className="workspace-sign-in">
      <label htmlFor={inputId}>{t('workspace.emailLabel')}</label>
      <input
        id={inputId}
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        // biome-ignore lint/a11y/noAutofocus: the person came from the invitation to sign in; the field is what they came for
        autoFocus={invitedEmail !== null}
      />
      <button type="submit" disabled={email.trim() === ''}>
        {t('workspace.sendLink')}
      </button>
      {linkRequestedFor && !failure && <p role="status">{t('workspace.linkSent', { email: linkRequestedFor })}</p>}
      {failure && (
        <p role="alert" className="error">
          {t(FAILURE_KEYS[failure] ?? 'workspace.failure.refused')}
        </p>
      )}
    </form>
  );
}

function SignedIn({ email }: { email: string }) {
  const t = useT();
  const workspace = useAppStore((state) => state.workspace);
  const states = useAppStore((state) => state.reportSyncStates);
  const conflicts = useAppStore((state) => state.syncConflicts);
  const rejections = useAppStore((state) => state.syncRejections);
  const reports = useAppStore((state) => state.reports);
  const sync = useAppStore((state) => state.syncWorkspace);
  const signOut = useAppStore((state) => state.signOutWorkspace);
  const resolve = useAppStore((state) => state.resolveSyncConflict);
  const language = useAppStore((state) => state.language);
  const waiting = Object.values(states).filter((s) => s === 'waiting').length;
  // Kraj staff: packages of the ČTÚ package history the server has not recorded yet (waiting or refused).
  const packagesPending = useAppStore((state) => Object.values(state.packageServerStates).filter((p) => p.state !== 'sent').length);
  const roles = (workspace.identity?.memberships ?? []).map(
    (m) => `${t(`workspace.role.${m.role}` as MessageKey)}${m.obecKod ? ` ${m.obecKod}` : m.kraj ? ` ${m.kraj}` : ''}`,
  );
  const describe = (id: string) => reports[id]?.description || id.slice(0, 8);
  return (
    <>
      <p>
        {t('workspace.signedInAs', { email })}
        {roles.length > 0 && <span className="hint"> ({roles.join(', ')})</span>}
      </p>
      {workspace.identity && isCoordinatorRole(workspace.identity.memberships) && <p className="hint">{t('workspace.coordinatorLive')}</p>}
      <p className="workspace-outbox" data-testid="workspace-outbox">
        {[
          ...(waiting > 0 || conflicts.length > 0 ? [t('workspace.waiting', { count: waiting })] : []),
          ...(packagesPending > 0 ? [t('workspace.packagesPending', { count: packagesPending })] : []),
        ].join(' ') || t('workspace.allSent')}
        {workspace.lastSyncAt && (
          <span className="hint">
            {' '}
            {t('workspace.lastSync', {
              time: new Intl.DateTimeFormat(language === 'cs' ? 'cs-CZ' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(
                new Date(workspace.lastSyncAt),
              ),
            })}
          </span>
        )}
      </p>
      {conflicts.length > 0 && (
        <div className="workspace-conflicts" role="region" aria-label={t('workspace.conflictsTitle')}>
          <h3>{t('workspace.conflictsTitle')}</h3>
          <p className="hint">{t('workspace.conflictsHint')}</p>
          <ul>
            {conflicts.map((conflict) => (
              <li key={conflict.id}>
                <p>
                  <strong>{t('workspace.conflictMine')}</strong> {conflict.localDescription ?? t('workspace.conflictDeleted')}
                </p>
                <p>
                  <strong>{t('workspace.conflictServer')}</strong> {conflict.server.deleted ? t('workspace.conflictDeleted') : conflict.server.description}
                </p>
                <button type="button" onClick={() => void resolve(conflict.id, 'mine')}>
                  {t('workspace.keepMine')}
                </button>{' '}
                <button type="button" onClick={() => void resolve(conflict.id, 'server')}>
                  {t('workspace.takeServer')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {rejections.length > 0 && (
        <div className="workspace-rejections">
          <h3>{t('workspace.rejectedTitle')}</h3>
          <ul>
            {rejections.map((rejection) => (
              <li key={rejection.id}>
                {describe(rejection.id)}:{' '}
                {rejection.codes.map((code) => (code === 'sync.outsideScope' ? t('workspace.rejected.outsideScope') : code)).join(', ')}
              </li>
            ))}
          </ul>
        </div>
      )}
      <button type="button" onClick={() => void sync()} disabled={workspace.syncing}>
        {workspace.syncing ? t('workspace.syncing') : t('workspace.syncNow')}
      </button>{' '}
      <button type="button" onClick={() => void signOut()}>
        {t('workspace.signOut')}
      </button>
    </>
  );
}

const PHOTO_REASON_KEYS: Record<string, MessageKey> = {
  'photo.tooLarge': 'workspace.photo.reason.tooLarge',
  'photo.empty': 'workspace.photo.reason.empty',
  'photo.contentMismatch': 'workspace.photo.reason.contentMismatch',
  'photo.unsupportedType': 'workspace.photo.reason.unsupportedType',
  'photo.badDataUrl': 'workspace.photo.reason.badDataUrl',
  'photo.missing': 'workspace.photo.reason.badDataUrl',
  'photo.notAllowed': 'workspace.photo.reason.notAllowed',
  'photo.unknownReport': 'workspace.photo.reason.unknownReport',
  'photo.notReferenced': 'workspace.photo.reason.notReferenced',
  'photo.typeMismatch': 'workspace.photo.reason.notReferenced',
  'photo.differs': 'workspace.photo.reason.differs',
};

/** "Fotka: čeká na odeslání / odesílá se / odeslána / neodeslána: …" for a report's photo this browser sends. */
export function PhotoUploadState({ reportId, retry = false }: { reportId: string; retry?: boolean }) {
  const t = useT();
  const photo = useAppStore((state) => (state.workspace.serverUrl ? state.reportPhotoStates[reportId] : undefined));
  const retryPhotoUpload = useAppStore((state) => state.retryPhotoUpload);
  if (!photo) return null;
  const text =
    photo.state === 'failed'
      ? t('workspace.photo.failed', {
          reason:
            photo.code && PHOTO_REASON_KEYS[photo.code] ? t(PHOTO_REASON_KEYS[photo.code]!) : t('workspace.photo.reason.other', { code: photo.code ?? '' }),
        })
      : t(`workspace.photo.${photo.state}` as MessageKey);
  const tone = photo.state === 'failed' ? 'rejected' : photo.state === 'sent' ? 'sent' : 'waiting';
  return (
    <>
      <span className={`sync-badge photo-badge sync-${tone}`}>{text}</span>
      {retry && photo.state === 'failed' && (
        <button type="button" className="link-button" onClick={() => void retryPhotoUpload(reportId)}>
          {t('workspace.photo.retry')}
        </button>
      )}
    </>
  );
}

/** A report's state in the outbox and in the kraj's process, beside its row in the list. */
export function ReportSyncBadges({ reportId }: { reportId: string }) {
  const t = useT();
  const syncState = useAppStore((state) => (state.workspace.serverUrl ? state.reportSyncStates[reportId] : undefined));
  const process = useAppStore((state) => state.reportProcessStates[reportId]);
  const photo = useAppStore((state) => (state.workspace.serverUrl ? state.reportPhotoStates[reportId] : undefined));
  if (!syncState && !process && !photo) return null;
  return (
    <>
      {syncState && <span className={`sync-badge sync-${syncState}`}>{t(`workspace.state.${syncState}` as MessageKey)}</span>}
      <PhotoUploadState reportId={reportId} />
      {process && (
        <span className="process-badge" title={process.note ?? undefined}>
          {t(`workspace.process.${process.status}` as MessageKey)}
        </span>
      )}
      {/* The coordinator's note for the obec, readable on a phone too (no hover there). */}
      {process?.note && <span className="process-note">{t('workspace.processNote', { note: process.note })}</span>}
    </>
  );
}
