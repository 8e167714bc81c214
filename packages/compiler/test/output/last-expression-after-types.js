(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["total"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }])));       total = 3;
return { value: (total) }
;                  
                
 
;

})()
//# sourceURL=last-expression-after-types.ts