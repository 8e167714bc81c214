// This cell only explains what comes next.
/* Nothing runs here. */
