(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["overloaded", overloaded], ["origin"], ["anyValue"], ["pair"], ["definite"], ["length"], ["identity"], ["make"], ["withThis", withThis], ["reshape"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }]))); ;                                       
;                     
;                                
;                                              
;                                      
;                                      
function overloaded(x     ) { return x; }
      origin = { x: 0, y: 0 }                ;
      anyValue =      origin;
      pair = [1, 2]                ;
    definite         ;
      length = document.querySelector("canvas") .width;
      identity =     (value   )    => value;
      make = makeArray        ;
function withThis(              count         ) { return count; }
      reshape = (shape           
           ) => shape;

})()
//# sourceURL=typescript-syntax.ts