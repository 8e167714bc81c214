const response = await fetch("https://example.com/iris.json");
for await (const chunk of response.body!) {
  console.log(chunk.length);
}
await response.json() as { rows: number[] }
