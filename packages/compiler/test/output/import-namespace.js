(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["tf"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }]))); tf = await globalThis.__cohort.import("@tensorflow/tfjs");
return { value: (tf.version) }

})()
//# sourceURL=import-namespace.ts