import { useRef, type KeyboardEvent } from 'react';
import type { ActionGroup, AppAction } from '../actions/action.ts';
import { ActionButton } from '../actions/ActionButton.tsx';
import { APP_ACTIONS } from '../actions/appActions.ts';
import { useAppStore, useT } from '../storeContext.tsx';
import { ActionIcon } from './icons.tsx';
import { StorageStatusView } from './StorageStatusView.tsx';

/** The map's toolbar: drawing, editing, history. (Files and data are beside the list: ReportList.) */
const GROUPS: Array<{ group: Exclude<ActionGroup, null | 'file'>; labelKey: 'toolbar.draw' | 'toolbar.edit' | 'toolbar.history' }> = [
  { group: 'draw', labelKey: 'toolbar.draw' },
  { group: 'edit', labelKey: 'toolbar.edit' },
  { group: 'history', labelKey: 'toolbar.history' },
];

/** The commands of the registry, grouped; arrow keys move between the buttons (WAI-ARIA toolbar). */
export function ReportsToolbar() {
  const t = useT();
  const toolbar = useRef<HTMLDivElement>(null);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const buttons = Array.from(toolbar.current?.querySelectorAll<HTMLButtonElement>('button:not(:disabled)') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const next = buttons[(at + (event.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length];
    next?.focus();
    event.preventDefault();
  };

  return (
    <div className="reports-toolbar" role="toolbar" aria-label={t('toolbar.label')} ref={toolbar} onKeyDown={onKeyDown}>
      {GROUPS.map(({ group, labelKey }) => (
        <ActionGroupButtons key={group} group={group} label={t(labelKey)} />
      ))}
      <StorageStatusView />
    </div>
  );
}

/** The buttons of one group of the registry (a toolbar group, or the list's file commands). */
export function ActionGroupButtons({ group, label, className }: { group: Exclude<ActionGroup, null>; label: string; className?: string }) {
  return (
    <div className={className ?? `toolbar-group toolbar-group-${group}`} role="group" aria-label={label}>
      {APP_ACTIONS.filter((action) => action.group === group).map((action) => (
        <VisibleAction key={action.id} action={action} />
      ))}
    </div>
  );
}

function VisibleAction({ action }: { action: AppAction }) {
  const visible = useAppStore((state) => (action.visible ? action.visible(state) : true));
  if (!visible) return null;
  return <ActionButton action={action} icon={<ActionIcon id={action.id} />} className={`action-button${action.id === 'demo.load' ? ' action-demo' : ''}`} />;
}
