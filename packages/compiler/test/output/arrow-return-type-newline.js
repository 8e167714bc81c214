(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["f"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }])));       f = (a        , b         
         ) => a + b
return { value: (f(1, 2)) }

})()
//# sourceURL=arrow-return-type-newline.ts