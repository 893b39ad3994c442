import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { FormError, Loading, LoadError } from '../../components/ui';
import { useAct, usePartnershipId, usePartnershipQuery } from '../../hooks';
import type { Answer } from '../../../common/contract';
import type { circleJoinAnswer } from '../../../circles/contract';
import { CircleSize } from './CircleSize';

type Join = Answer<typeof circleJoinAnswer>;

/** What a proposal to let someone into a circle decides, on its page: who, into which circle, why, the size it would reach. */
export function CircleJoinPart({ joinId }: { joinId: string }) {
  const { t } = useTranslation();
  const partnershipId = usePartnershipId();
  const query = usePartnershipQuery<Join>(`/circle-joins/${joinId}`);
  const withdraw = useAct<void, unknown>('post', () => `/circle-joins/${joinId}/withdrawal`, () => ({}));
  if (query.isPending) return <Loading />;
  if (query.error) return <LoadError error={query.error} />;
  const join = query.data;
  return (
    <section aria-labelledby="circle-join-title" className="card">
      <h2 id="circle-join-title">{t('circle.join.title')}</h2>
      <p>
        {t('circle.join.decides', { person: join.person.fullName })} <Link to={`/p/${partnershipId}/instances/${join.circle.id}`}>{join.circle.name}</Link>
      </p>
      {join.invited && <p className="muted">{t('circle.join.invitedBy', { by: join.askedBy.fullName })}</p>}
      <p>
        <strong>{t(`circle.join.status.${join.status}`)}</strong>
      </p>
      {join.status === 'open' && <CircleSize size={join.sizeAfter} when="after" />}
      {join.can.withdraw && (
        <>
          <FormError error={withdraw.error} />
          <button type="button" className="button-secondary" disabled={withdraw.isPending} onClick={() => window.confirm(t('circle.join.withdrawConfirm', { circle: join.circle.name })) && withdraw.mutate()}>
            {t('circle.join.withdraw')}
          </button>
        </>
      )}
    </section>
  );
}
