import type { PGlite, Transaction } from '@electric-sql/pglite';

/**
 * drizzle asks PGlite to leave timestamps, dates, intervals and their arrays as text (drizzle maps
 * them itself) by passing these parsers with every query, and PGlite then copies its whole parser
 * table per query: about 130 µs each, the largest single cost of a busy sync server on PGlite.
 * The same parsers installed once on the instance, and dropped from each query, give the same rows.
 */
const textTypes = [1114, 1184, 1186, 1082, 1115, 1185, 1187, 1182, 1231];

type QueryOptions = { parsers?: unknown } | undefined;
type Queryable = Pick<PGlite, 'query'>;

const asText = (value: string) => value;

function withoutParsers(options: QueryOptions): QueryOptions {
  if (!options?.parsers) return options;
  const { parsers: _dropped, ...rest } = options;
  return rest;
}

/** Wraps `query` of a PGlite client or transaction so per-query parsers are not copied. */
function queryOnce<T extends Queryable>(target: T): T {
  return new Proxy(target, {
    get(object, property) {
      if (property === 'query') {
        return (text: string, params?: unknown[], options?: QueryOptions) => object.query(text, params, withoutParsers(options) as never);
      }
      if (property === 'transaction' && 'transaction' in object) {
        const begin = (object as unknown as PGlite).transaction.bind(object);
        return <R>(work: (tx: Transaction) => Promise<R>) => begin((tx) => work(queryOnce(tx)));
      }
      const value: unknown = Reflect.get(object, property);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/** The client drizzle should use: drizzle's text parsers on the instance, none copied per query. */
export function withParsersInstalledOnce(client: PGlite): PGlite {
  for (const type of textTypes) client.parsers[type] = asText;
  return queryOnce(client);
}
