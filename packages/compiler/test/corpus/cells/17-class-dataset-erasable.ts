class Batches<T> implements Iterable<T[]> {
  readonly #items: readonly T[];
  readonly size: number;
  constructor(items: readonly T[], size = 32) {
    this.#items = items;
    this.size = size;
  }
  get count(): number {
    return Math.ceil(this.#items.length / this.size);
  }
  *[Symbol.iterator](): Iterator<T[]> {
    for (let i = 0; i < this.#items.length; i += this.size) yield this.#items.slice(i, i + this.size);
  }
}
const batches = new Batches(irisRows, 4);
[...batches].map((batch) => batch.length)
