import type { ReactNode } from 'react';
import { useAppStore, useT } from '../storeContext.tsx';
import { ariaKeyShortcuts, formatShortcut, type AppAction } from './action.ts';
import { useRunAction } from './ActionsProvider.tsx';

/** A button for a registered action: its label, shortcut, enabled state and (for tools) pressed state. */
export function ActionButton({ action, icon, className }: { action: AppAction; icon?: ReactNode; className?: string }) {
  const t = useT();
  const run = useRunAction();
  const enabled = useAppStore(action.enabled);
  const pressed = useAppStore((state) => (action.pressed ? action.pressed(state) : undefined));
  // Two primitive selections: a selector must not build a new object on every call.
  const describedKey = useAppStore((state) => action.describe?.(state)?.key ?? null);
  const whatKey = useAppStore((state) => action.describe?.(state)?.whatKey ?? null);
  const shortcut = action.shortcuts[0];
  const hintText = describedKey && whatKey ? t(describedKey, { what: t(whatKey) }) : action.hintKey ? t(action.hintKey) : null;
  const hint = [hintText, shortcut ? `(${formatShortcut(shortcut)})` : null].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={className ?? 'action-button'}
      data-action={action.id}
      disabled={!enabled}
      aria-pressed={pressed}
      aria-keyshortcuts={ariaKeyShortcuts(action.shortcuts)}
      title={hint || undefined}
      onClick={() => run(action.id)}
    >
      {icon}
      <span>{t(action.labelKey)}</span>
    </button>
  );
}
