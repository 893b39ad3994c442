import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { api } from './api';
import type { Overview, PersonSummary } from './types';

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
export const usePeople = () => usePartnershipQuery<PersonSummary[]>('/people');

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
 * and reloads it on each change, so a round or an attendance list stays live in a meeting.
 */
export function useLiveChanges(subject: 'proposals' | 'elections' | 'meetings', id: string, open: boolean) {
  const partnershipId = usePartnershipId();
  const client = useQueryClient();
  useEffect(() => {
    if (!open) return;
    const source = new EventSource(`/api/v1/partnerships/${partnershipId}/${subject}/${id}/events`);
    source.addEventListener('changed', () => void client.invalidateQueries({ queryKey: ['partnership', partnershipId, `/${subject}/${id}`] }));
    return () => source.close();
  }, [client, partnershipId, subject, id, open]);
}
