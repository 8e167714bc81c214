(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["Layer"], ["Dense"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }]))); Layer =                 class Layer                                                    {
                   units        ;
            config          ;
  ;                    
  static count = 0;
  constructor(units        ) {
    this.units = units;
  }
  ;                                         
  [Symbol.dispose]()       {}
};
Dense = class Dense extends Layer                         {
           apply(input          ) { return input; }
};

})()
//# sourceURL=class-declaration.ts