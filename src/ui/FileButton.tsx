import { useId } from 'react';

export interface FileButtonProps {
  label: string;
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  /** Id of the hint that describes the choice. */
  describedBy?: string;
  /** The button look of the label: 'action-button' (default) or 'secondary-button'. */
  look?: 'action-button' | 'secondary-button';
  /** The files chosen (never empty); the input is cleared, so the same file can be chosen again. */
  onFiles(files: File[]): void;
}

/**
 * A file chooser that looks like a button: the label is the button, the real input is visually hidden but keeps
 * the keyboard focus, and the label shows that focus (WCAG 2.4.7) through the wrapper's :focus-within.
 */
export function FileButton({ label, accept, multiple = false, disabled = false, describedBy, look = 'action-button', onFiles }: FileButtonProps) {
  const id = useId();
  return (
    <span className="file-chooser">
      <label htmlFor={id} className={`${look} file-button${disabled ? ' disabled' : ''}`}>
        {label}
      </label>
      <input
        id={id}
        className="visually-hidden"
        type="file"
        accept={accept}
        multiple={multiple}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </span>
  );
}
