(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["early"], ["square", square], ["batches", batches]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }])));       early = square(3);
       function square(x        )         {
  return x * x;
}
async function* batches   (items     , size = 2) {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

})()
//# sourceURL=function-declaration.ts