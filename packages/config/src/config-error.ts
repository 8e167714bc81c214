/** A bad environment: its message names each variable, what was expected and what was found. */
export class ConfigError extends Error {}
