(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["tensor2d"], ["model"], ["layers"], ["train"], ["t"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }]))); ;({ tensor2d, sequential: model } = await globalThis.__cohort.import("@tensorflow/tfjs"));
;({ layers, train } = await globalThis.__cohort.import("@tensorflow/tfjs"));



      t           = tensor2d([[1, 2]]);

})()
//# sourceURL=import-named.ts