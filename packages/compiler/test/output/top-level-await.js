(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["response"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }])));       response = await fetch("https://example.com/iris.json");
for await (const chunk of response.body ) {
  console.log(chunk.length);
}
return { value: (await response.json()                      ) }

})()
//# sourceURL=top-level-await.ts