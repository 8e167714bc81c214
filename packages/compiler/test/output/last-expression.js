(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["values"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }])));       values = [1, 2, 3];
return { value: (values.map((v) => v * 2), values.length) }; // the comma expression is the value

})()
//# sourceURL=last-expression.ts