import { connectClient, type TestClient } from '@cohort/sync/testing';
import type { ApiClient } from './api-client.ts';

/** Opens a notebook live as the web client does: a fresh sync token from the API, then the stock WebsocketProvider. */
export async function openLive(client: ApiClient, notebookId: string, options: { persisted?: boolean } = {}): Promise<TestClient> {
  const grant = await client.get(`/notebooks/${notebookId}/sync-token`);
  if (grant.status !== 200) throw new Error(`sync token: ${grant.status} ${JSON.stringify(grant.body)}`);
  return connectClient({
    serverUrl: `${client.baseUrl.replace(/^http/, 'ws')}/sync`,
    notebookId,
    token: grant.body.token,
    origin: client.baseUrl,
    ...options,
  });
}
