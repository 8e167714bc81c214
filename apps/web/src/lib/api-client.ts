/** The error body every /api/v1 route answers with; `field` names the input at fault. */
export interface ApiProblem {
  code: string;
  message: string;
  field?: string;
  /** Problems inside uploaded content (e.g. an invalid .ipynb), each at a JSON Pointer into it. */
  details?: Array<{ path: string; message: string }>;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiProblem };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls /api/v1 from the browser with the session cookie; never throws. A FormData body goes as multipart/form-data, others as JSON. */
export async function callApi<T = unknown>(method: Method, path: string, body?: unknown): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      headers: body === undefined || body instanceof FormData ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    });
  } catch {
    return { ok: false, status: 0, error: { code: 'network', message: 'Cohort could not be reached. Check your connection and try again.' } };
  }
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return { ok: true, status: response.status, data: payload as T };
  const error = (payload as { error?: ApiProblem } | undefined)?.error;
  return {
    ok: false,
    status: response.status,
    error: error ?? { code: 'http_error', message: `The request failed (HTTP ${response.status}). Try again.` },
  };
}
