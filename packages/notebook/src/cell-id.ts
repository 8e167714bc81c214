/** nbformat 4.5 cell ids: `^[a-zA-Z0-9-_]+$`, 1 to 64 characters, unique within a notebook. */
const CELL_ID = /^[a-zA-Z0-9_-]{1,64}$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LENGTH = 16;

export function isCellId(value: unknown): value is string {
  return typeof value === 'string' && CELL_ID.test(value);
}

/** A random 16-character id (96 bits) from the 64 characters nbformat allows. */
export function createCellId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH));
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte & 63];
  return id;
}

/** Draws ids from `factory`, checking that each is a valid cell id and not `taken`. */
export function createIdSource(factory: () => string): (taken: (id: string) => boolean) => string {
  return (taken) => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const id = factory();
      if (!isCellId(id)) throw new Error(`idFactory returned ${JSON.stringify(id)}, not an nbformat cell id`);
      if (!taken(id)) return id;
    }
    throw new Error('idFactory keeps returning ids that are taken');
  };
}
