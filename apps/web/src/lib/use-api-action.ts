import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useToast } from '@/components';
import { callApi, type ApiResult } from './api-client.ts';

type Method = Parameters<typeof callApi>[0];

/**
 * For buttons and small controls: calls the API, shows a failure in a toast, and on success
 * re-renders the page's server components. `pending` lasts until the refreshed page is in.
 */
export function useApiAction() {
  const router = useRouter();
  const toast = useToast();
  const [calling, setCalling] = useState(false);
  const [refreshing, startTransition] = useTransition();

  async function run<T = unknown>(method: Method, path: string, body?: unknown, success?: string): Promise<ApiResult<T>> {
    setCalling(true);
    const result = await callApi<T>(method, path, body);
    setCalling(false);
    if (!result.ok) {
      toast({ message: result.error.message, tone: 'error' });
    } else {
      if (success) toast({ message: success, tone: 'success' });
      startTransition(() => router.refresh());
    }
    return result;
  }

  return { run, pending: calling || refreshing };
}
