(async () => { "use strict"; // This cell only explains what comes next.
/* Nothing runs here. */

})()
//# sourceURL=comments-only.ts