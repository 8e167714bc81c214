const early = square(3);
export function square(x: number): number {
  return x * x;
}
async function* batches<T>(items: T[], size = 2) {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
