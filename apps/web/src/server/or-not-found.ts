import { notFound } from 'next/navigation';
import { ApiError } from './errors.ts';

/** Runs a service call for a page; "no such thing" (or no access to it) shows the not-found page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) notFound();
    throw error;
  }
}
