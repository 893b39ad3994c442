import { useId, type FormEvent, type ReactNode } from 'react';
import { fieldError, Field, FormError } from './ui';

/** What a member says in a round: a stance of those offered, and why. */
export interface StanceChoice {
  readonly stance: string;
  readonly reason: string;
}

/** The form's words, in the interface's language: proposals and elections each say them their own way. */
export interface StanceFormWords {
  readonly title: string;
  readonly choose: string;
  readonly reason: string;
  readonly reasonHint: string;
  readonly submit: string;
  readonly recorded: string;
}

interface StanceFormProps<S extends string> {
  readonly stances: readonly S[];
  readonly stanceLabel: (stance: S) => string;
  readonly words: StanceFormWords;
  /** Where the stance is sent: its error, whether it is on its way, whether it was recorded. */
  readonly act: { readonly error: unknown; readonly isPending: boolean; readonly isSuccess: boolean };
  readonly onTake: (choice: StanceChoice) => void;
  /** Fields asked before the stance (on whose behalf a proxy holder speaks, say). */
  readonly children?: ReactNode;
  /** The form's id, which links from the list of things to do and from mails land on. */
  readonly anchor?: string;
}

/** A member's stance in a round, with its reason: on a proposal at the round table, and on the name an election proposes. */
export function StanceForm<S extends string>({ stances, stanceLabel, words, act, onTake, children, anchor }: StanceFormProps<S>) {
  const id = useId();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    onTake({ stance: String(data.get('stance') ?? ''), reason: String(data.get('reason') ?? '') });
  };
  const stanceError = fieldError(act.error, 'stance');
  return (
    <form id={anchor} onSubmit={onSubmit} noValidate className="card">
      <h2>{words.title}</h2>
      <FormError error={act.error} />
      {children}
      <fieldset>
        <legend>{words.choose}</legend>
        {stances.map((stance) => (
          <div className="choice" key={stance}>
            <input type="radio" id={`${id}-${stance}`} name="stance" value={stance} />
            <label htmlFor={`${id}-${stance}`}>{stanceLabel(stance)}</label>
          </div>
        ))}
        {stanceError && <p className="field-error">{stanceError}</p>}
      </fieldset>
      <Field label={words.reason} hint={words.reasonHint} error={fieldError(act.error, 'reason')}>
        {(props) => <textarea {...props} name="reason" rows={3} />}
      </Field>
      <button type="submit" className="button-primary" disabled={act.isPending}>
        {words.submit}
      </button>
      {act.isSuccess && <p role="status">{words.recorded}</p>}
    </form>
  );
}
