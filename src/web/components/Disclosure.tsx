import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A form kept behind its button, so that a page reads as a summary on a phone: the button says
 * whether it is open (aria-expanded), and opening it moves the focus to the form's first field.
 * Its content joins the page only once opened, so two closed forms never share a field's name.
 */
export function Disclosure({ label, children, className = 'button-secondary' }: { label: string; children: ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!opened) return;
    panel.current?.querySelector<HTMLElement>('input:not([type="hidden"]), select, textarea, button')?.focus();
    setOpened(false);
  }, [opened]);
  return (
    <div className="disclosure">
      <button
        type="button"
        className={className}
        aria-expanded={open}
        aria-controls={open ? `${id}-panel` : undefined}
        id={`${id}-button`}
        onClick={() => {
          setOpen(!open);
          setOpened(!open);
        }}
      >
        {label}
      </button>
      {open && (
        <div id={`${id}-panel`} ref={panel} role="group" aria-labelledby={`${id}-button`} className="disclosure-panel">
          {children}
        </div>
      )}
    </div>
  );
}
