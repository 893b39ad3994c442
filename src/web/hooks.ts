import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, useParams, type BlockerFunction } from 'react-router';
import { api } from './api';
import type { Answer } from '../common/contract';
import type { overviewAnswer } from '../partnerships/contract';
import type { peopleListAnswer } from '../people/contract';

type Overview = Answer<typeof overviewAnswer>;
type PeopleList = Answer<typeof peopleListAnswer>;

export function usePartnershipId(): string {
  const { partnershipId } = useParams();
  return partnershipId!;
}

/** GET a path inside the current partnership. */
export function usePartnershipQuery<T>(path: string) {
  const partnershipId = usePartnershipId();
  return useQuery({
    queryKey: ['partnership', partnershipId, path],
    queryFn: () => api.get<T>(`/partnerships/${partnershipId}${path}`),
  });
}

export const useOverview = () => usePartnershipQuery<Overview>('');

/** The most people the server names in one request (`ids`), and so in one query here. */
const NAMES_PER_REQUEST = 100;

/** The first `limit` people matching a search or belonging to an organization, and how many match. */
export function usePeopleSearch(filter: { readonly q: string; readonly organizationId?: string | undefined }, limit: number) {
  const partnershipId = usePartnershipId();
  const query = new URLSearchParams({ limit: String(limit) });
  if (filter.q !== '') query.set('q', filter.q);
  if (filter.organizationId) query.set('organizationId', filter.organizationId);
  return useQuery({
    queryKey: ['partnership', partnershipId, '/people', 'search', filter.q, filter.organizationId ?? null, limit],
    queryFn: () => api.get<PeopleList>(`/partnerships/${partnershipId}/people?${query}`),
    // The list keeps showing the previous matches while the next ones load, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
}

/**
 * The names of the people given by id, for pages that hold ids only (the journal, a charter's
 * signatories), a hundred per request in the order first seen: a page that adds ids at the end
 * (the journal's next entries) asks again for its last, partly filled hundred only, and keeps
 * showing the names it had meanwhile.
 */
export function usePersonNames(ids: readonly string[]) {
  const partnershipId = usePartnershipId();
  const unique = [...new Set(ids)];
  const chunks = Array.from({ length: Math.ceil(unique.length / NAMES_PER_REQUEST) }, (_, i) => unique.slice(i * NAMES_PER_REQUEST, (i + 1) * NAMES_PER_REQUEST));
  const results = useQueries({
    queries: chunks.map((chunk) => ({
      queryKey: ['partnership', partnershipId, '/people', 'names', chunk],
      queryFn: () => api.get<PeopleList>(`/partnerships/${partnershipId}/people?limit=${NAMES_PER_REQUEST}&ids=${chunk.join(',')}`),
      placeholderData: keepPreviousData,
    })),
  });
  return {
    names: new Map(results.flatMap((result) => (result.data?.people ?? []).map((person) => [person.id, person.fullName] as const))),
    isPending: results.some((result) => result.isPending),
    isFetching: results.some((result) => result.isFetching),
  };
}

/** How long typing must pause before a search goes to the server. */
const SEARCH_PAUSE_MS = 250;

/** The words of a search field once typing has paused, trimmed: what to ask the server for. */
export function useSettledSearch(text: string): string {
  const words = text.trim();
  const [settled, setSettled] = useState(words);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(words), SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [words]);
  return settled;
}

/**
 * A governance act from a form. Structure reads are cheap, so every read of the partnership is
 * refreshed after an act rather than guessing which ones it touched.
 */
export function useAct<Input, Result = { id: string }>(method: 'post' | 'patch' | 'put', path: (input: Input) => string, body?: (input: Input) => unknown) {
  const partnershipId = usePartnershipId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => {
      const url = `/partnerships/${partnershipId}${path(input)}`;
      const payload = body ? body(input) : input;
      return method === 'post' ? api.post<Result>(url, payload) : method === 'put' ? api.put<Result>(url, payload) : api.patch<Result>(url, payload);
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['partnership', partnershipId] }),
  });
}

/** A DELETE inside the current partnership, refreshing its reads afterwards as useAct does. */
export function useDeleteAct<Input = void, Result = { id: string }>(path: (input: Input) => string) {
  const partnershipId = usePartnershipId();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => api.delete<Result>(`/partnerships/${partnershipId}${path(input)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['partnership', partnershipId] }),
  });
}

/** Empty text fields mean "no value" to the API. */
export const orNull = (value: FormDataEntryValue | null): string | null => {
  const text = typeof value === 'string' ? value.trim() : '';
  return text === '' ? null : text;
};

export const numberOrNull = (value: FormDataEntryValue | null): number | null => {
  const text = orNull(value);
  return text === null ? null : Number(text);
};

/**
 * While a proposal, an election or a meeting is open, its page listens to the server's events
 * and reloads it on each change, so a round or an attendance list stays live in a meeting; a
 * questionnaire's results page reloads its results (`path`) as answers arrive.
 */
export function useLiveChanges(subject: 'proposals' | 'elections' | 'meetings' | 'questionnaires', id: string, open: boolean, path = `/${subject}/${id}`) {
  const partnershipId = usePartnershipId();
  const client = useQueryClient();
  useEffect(() => {
    if (!open) return;
    const source = new EventSource(`/api/v1/partnerships/${partnershipId}/${subject}/${id}/events`);
    source.addEventListener('changed', () => void client.invalidateQueries({ queryKey: ['partnership', partnershipId, path] }));
    return () => source.close();
  }, [client, partnershipId, subject, id, open, path]);
}

/** The forms of the page holding changes not yet saved; a router holds one blocker, so they share it. */
const unsavedForms = new Set<object>();

/**
 * For a form whose changes would be lost by leaving: call `changed` when the person edits it
 * (a form's onChange hears every field) and `saved` once its act succeeded, before navigating.
 * Leaving meanwhile asks first (see useUnsavedChangesGuard).
 */
export function useUnsavedChanges() {
  const form = useRef({}).current;
  useEffect(() => () => void unsavedForms.delete(form), [form]);
  return useMemo(() => ({ changed: () => void unsavedForms.add(form), saved: () => void unsavedForms.delete(form) }), [form]);
}

/**
 * Asks before unsaved changes are lost: the browser's own question when the tab closes or
 * reloads, ours when a link inside the app leads to another page. Called once, by the app.
 */
export function useUnsavedChangesGuard() {
  const { t } = useTranslation();
  const leavesPage = useCallback<BlockerFunction>(({ currentLocation, nextLocation }) => unsavedForms.size > 0 && currentLocation.pathname !== nextLocation.pathname, []);
  const blocker = useBlocker(leavesPage);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(t('common.unsavedChanges'))) {
      unsavedForms.clear();
      blocker.proceed();
    } else {
      blocker.reset();
    }
  }, [blocker, t]);
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (unsavedForms.size > 0) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
}
