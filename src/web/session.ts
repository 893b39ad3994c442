import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api, ApiError, setCsrfToken } from './api';
import i18n, { type Locale } from './i18n';
import type { sessionAnswer } from '../accounts/contract';
import type { Answer } from '../common/contract';

export type Session = Answer<typeof sessionAnswer>;

export function useSession() {
  const query = useQuery({
    queryKey: ['session'],
    queryFn: async () => {
      try {
        return await api.get<Session>('/auth/session');
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
  useEffect(() => {
    setCsrfToken(query.data?.csrfToken);
    if (query.data?.locale && query.data.locale !== i18n.language) void i18n.changeLanguage(query.data.locale);
  }, [query.data]);
  return query;
}

function useEndSessions(path: '/auth/sign-out' | '/auth/sign-out-everywhere') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(path),
    onSuccess: () => {
      setCsrfToken(undefined);
      client.clear();
    },
  });
}

export const useSignOut = () => useEndSessions('/auth/sign-out');

/** Ends the account's sessions on every device, this one included. */
export const useSignOutEverywhere = () => useEndSessions('/auth/sign-out-everywhere');

/** Switches the interface, and remembers the choice on the account when signed in. */
export function useChooseLocale() {
  const client = useQueryClient();
  return async (locale: Locale) => {
    client.setQueryData<Session | null>(['session'], (session) => (session ? { ...session, locale } : session));
    await i18n.changeLanguage(locale);
    await api.post('/auth/locale', { locale }).catch(() => undefined);
    await client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
  };
}
