/**
 * Parts of the UI that the mayor's first screen does not need (the region overview, the table import, the report
 * form…) load as their own chunks when first shown. On a weak signal such a chunk can fail or take long: while it
 * loads the place says so, and when it fails it says what is missing and offers to try again (a new import, since
 * React.lazy remembers a failed one). Nothing else on the page waits for it.
 */
import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';
import { useAppStore, useT } from '../storeContext.tsx';
import type { MessageKey } from '../../i18n/translate.ts';
import { Dialog } from '../reports/Dialog.tsx';

type Loader<P> = () => Promise<ComponentType<P>>;

/**
 * A component that loads `load` when first rendered. `what` names the part in the loading and failure messages
 * (an i18n key: "přehled kraje"…); `inline` parts (toolbars) show a one-line message instead of a panel, and `dialog`
 * parts (the app's one open dialog, editor.dialog) show it inside a dialog that closes as theirs would.
 */
export function lazyPart<P extends object>(load: Loader<P>, what: MessageKey, options: { inline?: boolean; dialog?: boolean } = {}): ComponentType<P> {
  const Message = options.dialog ? DialogPartMessage : PartMessage;
  let cached: ComponentType<P> | null = null;
  const make = () => lazy(async () => ({ default: (cached = await load()) }));
  function LazyPart(props: P) {
    // Loaded already when this instance mounts: the part itself. Else the loading tree, kept also once the part
    // has come: switching trees on a later render would mount the part anew and lose its state (a dialog's step).
    const [Loaded] = useState(() => cached);
    const [attempt, setAttempt] = useState(() => ({ component: make(), count: 0 }));
    if (Loaded) return <Loaded {...props} />;
    const Part = attempt.component;
    return (
      <PartBoundary
        key={attempt.count}
        Message={Message}
        what={what}
        inline={options.inline ?? false}
        onRetry={() => setAttempt(({ count }) => ({ component: make(), count: count + 1 }))}
      >
        <Suspense fallback={<Message what={what} inline={options.inline ?? false} state="loading" />}>
          <Part {...props} />
        </Suspense>
      </PartBoundary>
    );
  }
  return LazyPart;
}

/** Starts loading a part ahead of need (after the first screen is usable), ignoring failures: the part retries. */
export function preloadPart(load: () => Promise<unknown>): void {
  load().catch(() => undefined);
}

type MessageProps = { what: MessageKey; inline: boolean; state: 'loading' | 'failed'; onRetry?: () => void };

class PartBoundary extends Component<
  { Message: ComponentType<MessageProps>; what: MessageKey; inline: boolean; onRetry(): void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    const { Message } = this.props;
    return <Message what={this.props.what} inline={this.props.inline} state="failed" onRetry={this.props.onRetry} />;
  }
}

/**
 * The message of a dialog part, in a dialog: while it loads, titled "Načítá se…" (the part's own title is its own
 * dialog's name, and no other dialog's); when it failed, titled by the part's name, with the reason.
 */
function DialogPartMessage(props: MessageProps) {
  const t = useT();
  const closeDialog = useAppStore((state) => state.closeDialog);
  const language = useAppStore((state) => state.language);
  const name = t(props.what);
  if (props.state === 'loading') {
    return (
      <Dialog title={t('lazy.loadingTitle')} onClose={closeDialog}>
        <PartMessage {...props} />
      </Dialog>
    );
  }
  return (
    <Dialog title={name.charAt(0).toLocaleUpperCase(language) + name.slice(1)} onClose={closeDialog}>
      <PartMessage {...props} />
    </Dialog>
  );
}

function PartMessage({ what, inline, state, onRetry }: MessageProps) {
  const t = useT();
  const name = t(what);
  if (state === 'loading') {
    return (
      <p className={inline ? 'lazy-part lazy-part-inline' : 'panel lazy-part'} role="status">
        <span className="spinner" aria-hidden="true" /> {t('lazy.loading', { what: name })}
      </p>
    );
  }
  return (
    <div className={inline ? 'lazy-part lazy-part-inline message message-error' : 'panel lazy-part message message-error'} role="alert">
      <p>{t('lazy.failed', { what: name })}</p>
      <button type="button" onClick={onRetry}>
        {t('lazy.retry')}
      </button>
    </div>
  );
}
