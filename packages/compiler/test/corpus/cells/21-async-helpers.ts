const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function withRetry<T>(task: () => Promise<T>, attempts = 3): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await task();
    } catch (error: unknown) {
      lastError = error;
      await sleep(100 * 2 ** attempt);
    }
  }
  throw lastError;
}

const housing = await withRetry(() => datasets.load("housing"));
