/** A problem at a JSON Pointer (RFC 6901) into uploaded content, e.g. `/cells/3/source`. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error a request handler turns into an HTTP answer; `field` names the input at fault, `details` the problems in it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
  }
}

export const notFound = (what = 'Not found') => new ApiError(404, 'not_found', what);
export const forbidden = (message: string) => new ApiError(403, 'forbidden', message);
export const conflict = (message: string, field?: string) => new ApiError(409, 'conflict', message, field);
export const badRequest = (message: string, field?: string) => new ApiError(400, 'invalid_request', message, field);
