(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["learningRate"], ["epochs"], ["batchSize"], ["label"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }])));       learningRate = 0.01;
    epochs = 10, batchSize;
    label = "iris";
return { value: (learningRate * epochs) }

})()
//# sourceURL=const-let-var.ts