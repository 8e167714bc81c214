(async () => { "use strict"; Object.defineProperties(globalThis, Object.fromEntries([["tf"], ["tfAgain"], ["tensor"]].map(([name, value]) => [name, { value, writable: true, enumerable: true, configurable: true }]))); tf = ((__cohortModule) => "default" in __cohortModule ? __cohortModule.default : __cohortModule)(await globalThis.__cohort.import("@tensorflow/tfjs"));
;((__cohortModule) => { tfAgain = "default" in __cohortModule ? __cohortModule.default : __cohortModule; ({ tensor } = __cohortModule); })(await globalThis.__cohort.import("@tensorflow/tfjs"));

})()
//# sourceURL=import-default.ts