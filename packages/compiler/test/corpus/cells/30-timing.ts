async function time<T>(label: string, run: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`${label}: ${(performance.now() - start).toFixed(1)} ms`);
  return result;
}
const big = tf.randomUniform([512, 512]);
await time("matMul 512", async () => {
  const out = big.matMul(big);
  await out.data();
  out.dispose();
});
