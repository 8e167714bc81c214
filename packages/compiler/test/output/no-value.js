(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["values"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }])));       values = [1, 2, 3];
for (const v of values) {
  console.log(v);
}

})()
//# sourceURL=no-value.ts