(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["x"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }]))); ;                                              
;                                                           
;                      
    x                    ;

})()
//# sourceURL=import-type-only.ts