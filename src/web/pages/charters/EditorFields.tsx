import type { ReactNode } from 'react';
import { Field } from '../../components/ui';

/** The charter editor's fields, shared by its sections: each shows the check's message at its place. */
export type Errors = Readonly<Record<string, string>>;

/** A field's message, or the first message of an item inside it (one line of a list, say). */
export const errorAt = (errors: Errors, path: string): string | undefined =>
  errors[path] ?? Object.entries(errors).find(([key]) => key.startsWith(`${path}.`))?.[1];

export function EditorField({ path, errors, label, hint, children }: { path: string; errors: Errors; label: string; hint?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode }) {
  return (
    <div id={`field-${path}`} className="field-slot">
      <Field label={label} hint={hint} error={errorAt(errors, path)}>
        {children}
      </Field>
    </div>
  );
}

/** The bodies offered, plus the one already chosen if it is no longer among them, so the select never shows another value than the data's. */
export function withCurrent(bodies: readonly { id: string; name: string }[], current: string | null, allBodies: Readonly<Record<string, string>>) {
  return current === null || bodies.some((body) => body.id === current) ? bodies : [...bodies, { id: current, name: allBodies[current] ?? '?' }];
}

export function BodyChoice({ value, onChange, bodies, allBodies, noneLabel, ...props }: { value: string | null; onChange: (id: string | null) => void; bodies: readonly { id: string; name: string }[]; allBodies: Readonly<Record<string, string>>; noneLabel: string; id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) {
  return (
    <select {...props} value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}>
      <option value="">{noneLabel}</option>
      {withCurrent(bodies, value, allBodies).map((body) => (
        <option key={body.id} value={body.id}>
          {body.name}
        </option>
      ))}
    </select>
  );
}

