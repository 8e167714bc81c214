export * from './schema.ts';
export * from './client.ts';
export * from './migrate.ts';
export * from './access.ts';
export * from './workers.ts';
export { and, asc, desc, eq, gt, gte, inArray, isNull, isNotNull, lt, lte, ne, or, sql, count } from 'drizzle-orm';
export * from './errors.ts';
