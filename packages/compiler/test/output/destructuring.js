(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["rows"], ["columns"], ["dtype"], ["rest"], ["first"], ["third"], ["others"], ["a"], ["b"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }]))); ;(    { shape: [rows, columns], dtype = "float32", ...rest } = { shape: [2, 3], size: 6 });
;   [first, , third = 3, ...others] = [1, 2];
;(    { a }                = { a: 1 }, b = 2);

})()
//# sourceURL=destructuring.ts