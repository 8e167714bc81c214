(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["sum"], ["later", later]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }]))); await globalThis.__cohort.import("@tensorflow/tfjs");
;(    { sum } = await globalThis.__cohort.import("@tensorflow/tfjs"));
async function later() {
  return (await globalThis.__cohort.import("@tensorflow/tfjs")).version;
}

})()
//# sourceURL=import-side-effect-and-dynamic.ts