(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["x"], ["a"], ["b"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }])));     x = 1
;                  
[x].forEach((v) => console.log(v))
;     [a, b] = [x, 2]

})()
//# sourceURL=asi-after-erased.ts