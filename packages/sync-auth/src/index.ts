// Browser-safe surface: message types, close codes and the persisted-ack frames.
// Token signing (node:crypto) is the separate entry point '@cohort/sync-auth/token'.
export * from './protocol.ts';
