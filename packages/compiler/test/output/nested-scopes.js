(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["train", train]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }]))); function train(epochs        ) {
  const history           = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    var loss = 1 / (epoch + 1);
    history.push(loss);
  }
  return history;
}
{
  const local = train(3);
  console.log(local);
}

})()
//# sourceURL=nested-scopes.ts