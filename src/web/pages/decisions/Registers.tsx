import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { ProposalStatus } from '../../../decisions/rules';
import { api } from '../../api';
import { Badge, Field } from '../../components/ui';
import { usePartnershipId } from '../../hooks';
import { statusTone } from './ProposalsPage';

/**
 * What the registers of decisions share (a body's register, the register of agreements and
 * disagreements): a search kept in the address (`?q=`), pages that go on from the last one's end,
 * and each settled decision shown the same way.
 */

/** The register's pages at `path` (which carries `?q=`), each after the previous page's `next`. */
export function useRegisterPages<Page extends { next: string | null }>(path: string) {
  const partnershipId = usePartnershipId();
  return useInfiniteQuery({
    queryKey: ['partnership', partnershipId, path],
    queryFn: ({ pageParam }) => api.get<Page>(`/partnerships/${partnershipId}${path}${pageParam ? `&before=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

export function RegisterSearch({ label, search }: { label: string; search: string }) {
  const { t } = useTranslation();
  const [, setParams] = useSearchParams();
  const [typed, setTyped] = useState(search);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setParams(typed.trim() === '' ? {} : { q: typed.trim() });
  };
  return (
    <form role="search" onSubmit={onSubmit} className="field-row search-row">
      <Field label={label}>{(props) => <input {...props} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} />}</Field>
      <div className="actions">
        <button type="submit" className="button-secondary">
          {t('register.searchSubmit')}
        </button>
      </div>
    </form>
  );
}

/** A settled decision: its words, leading to its proposal, the decision's record, what the register says of it, and how it ended. */
export function SettledDecision(props: { proposalId: string; wording: string; statement: string; status: ProposalStatus; ending: string; children: ReactNode }) {
  const partnershipId = usePartnershipId();
  return (
    <li className="member">
      <div>
        <Link className="member-name" to={`/p/${partnershipId}/propositions/${props.proposalId}`}>
          {props.wording}
        </Link>
        {props.statement && <p>{props.statement}</p>}
        {props.children}
      </div>
      <Badge tone={statusTone(props.status)}>{props.ending}</Badge>
    </li>
  );
}
