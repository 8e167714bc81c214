function* range(start: number, end: number, step = 1): Generator<number> {
  for (let i = start; i < end; i += step) yield i;
}
async function* slowSquares(limit: number) {
  for (const n of range(0, limit)) {
    await sleep(1);
    yield n * n;
  }
}
const squares: number[] = [];
for await (const square of slowSquares(5)) squares.push(square);
squares
