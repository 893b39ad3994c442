import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormError, PageTitle } from './ui';

interface FormFrameProps {
  readonly title: string;
  readonly error: unknown;
  readonly pending: boolean;
  readonly onSubmit: (data: FormData) => void;
  readonly children: ReactNode;
}

const submitted = (onSubmit: (data: FormData) => void) => (event: FormEvent<HTMLFormElement>) => {
  event.preventDefault();
  onSubmit(new FormData(event.currentTarget));
};

/** The frame of every edit form: its title, the form's error, the fields, Save and Cancel. */
export function EditForm({ title, error, pending, onSubmit, onCancel, children }: FormFrameProps & { readonly onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <form onSubmit={submitted(onSubmit)} noValidate className="card">
      <h2>{title}</h2>
      <FormError error={error} />
      {children}
      <div className="actions">
        <button type="submit" className="button-primary" disabled={pending}>
          {t('common.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A page whose content is one creation form. */
export function CreatePage({ title, error, pending, onSubmit, children }: FormFrameProps) {
  const { t } = useTranslation();
  return (
    <section className="narrow">
      <PageTitle title={title}>{title}</PageTitle>
      <form onSubmit={submitted(onSubmit)} noValidate className="card">
        <FormError error={error} />
        {children}
        <button type="submit" className="button-primary" disabled={pending}>
          {t('common.create')}
        </button>
      </form>
    </section>
  );
}
