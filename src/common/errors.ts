/**
 * Expected failures of an act, as values the server turns into 4xx answers in the user's
 * language. Message keys name entries of the server catalogue (src/i18n).
 */
export type ActFailure =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'forbidden' }
  | {
      readonly kind: 'conflict';
      readonly messageKey: string;
      readonly params?: Readonly<Record<string, string | number>>;
      /** Where the state in conflict needs fixing, when it is a form the user can fix. */
      readonly fields?: readonly FieldProblem[];
    }
  | { readonly kind: 'invalid'; readonly fields: readonly FieldProblem[] };

export interface FieldProblem {
  readonly path: string;
  readonly messageKey: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export class ActError extends Error {
  constructor(readonly failure: ActFailure) {
    super(failure.kind);
    this.name = 'ActError';
  }
}

export const notFound = (): ActError => new ActError({ kind: 'not_found' });
export const forbidden = (): ActError => new ActError({ kind: 'forbidden' });
export const conflict = (messageKey: string, params?: Record<string, string | number>): ActError =>
  new ActError({ kind: 'conflict', messageKey, ...(params ? { params } : {}) });
export const conflictAt = (messageKey: string, fields: readonly FieldProblem[]): ActError => new ActError({ kind: 'conflict', messageKey, fields });
export const invalid = (path: string, messageKey: string, params?: Record<string, string | number>): ActError =>
  new ActError({ kind: 'invalid', fields: [{ path, messageKey, ...(params ? { params } : {}) }] });

/**
 * The unique constraints a capability's tables declare, each with the field it concerns and the
 * message a person reads when a write breaks it (server/errors.ts answers 409 with it).
 */
export type UniqueConstraintMessages = Readonly<Record<string, { readonly field: string; readonly key: string }>>;
