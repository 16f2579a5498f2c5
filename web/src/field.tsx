import type { ComponentChildren } from 'preact';

/** A labelled control: the label names the control alone (`for`), so its accessible name is just the label. */
export function Field({ id, label, children }: { id: string; label: ComponentChildren; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children}
    </div>
  );
}
