import { useAppStore } from '../storeContext.tsx';
import { ClearDialog } from './ClearDialog.tsx';
import { ExportDialog, ImportDialog } from '../lazy/parts.tsx';

/** The one open dialog, if any (editor.dialog). */
export function AppDialogs() {
  const dialog = useAppStore((state) => state.editor.dialog);
  switch (dialog) {
    case 'export':
      return <ExportDialog />;
    case 'import':
      return <ImportDialog />;
    case 'clear':
      return <ClearDialog />;
    case null:
      return null;
  }
}
