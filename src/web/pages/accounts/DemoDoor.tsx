import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api';
import { FormError } from '../../components/ui';
import type { demoDoorAnswer } from '../../../accounts/contract';
import type { Answer } from '../../../common/contract';

type DoorPerson = Answer<typeof demoDoorAnswer>['people'][number];

/**
 * The demo's door: shown only when the server runs the demo (outside it, its address answers 404).
 * A visitor enters as one of its people without a password; each browser window can be someone
 * else, as long as the second is private or another browser, since windows share the session cookie.
 */
export function DemoDoor({ onEntered }: { onEntered: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const door = useQuery({
    queryKey: ['demo-door'],
    queryFn: async () => {
      try {
        return await api.get<Answer<typeof demoDoorAnswer>>('/auth/demo-door');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: Infinity,
    retry: false,
  });
  const enter = useMutation({
    mutationFn: (personId: string) => api.post('/auth/demo-door/enter', { personId }),
    onSuccess: () => {
      // Whoever this window was before, nothing they saw stays behind for the next person.
      client.clear();
      onEntered();
    },
  });
  const people = door.data?.people ?? [];
  if (people.length === 0) return null;
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });

  const whereTheyAre = (person: DoorPerson) =>
    [
      ...(person.isPartnershipAdmin ? [t('signIn.door.coordinates')] : []),
      ...person.memberships.map(
        (membership) =>
          `${membership.organization} · ${t(`membershipKind.${membership.kind}`)}${membership.isOrganizationAdmin ? `, ${t('signIn.door.administers')}` : ''}`,
      ),
    ].join(' · ');

  return (
    <section aria-labelledby="demo-door-title" className="card demo-door">
      <h2 id="demo-door-title">{t('signIn.door.title')}</h2>
      <p>{t('signIn.door.intro')}</p>
      <p className="notice notice-info">{t('signIn.door.windows')}</p>
      <FormError error={enter.error} />
      <ul className="demo-door-people">
        {people.map((person) => (
          <li key={person.personId}>
            <h3>{person.fullName}</h3>
            <p className="muted">{whereTheyAre(person)}</p>
            {person.bodies.length > 0 && <p className="small">{t('signIn.door.bodies', { bodies: list.format(person.bodies) })}</p>}
            {person.roles.length > 0 && <p className="small">{t('signIn.door.roles', { roles: list.format(person.roles) })}</p>}
            <button type="button" className="button-secondary" disabled={enter.isPending} onClick={() => enter.mutate(person.personId)}>
              {t('signIn.door.enterAs', { name: person.fullName })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
