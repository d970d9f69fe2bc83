// Supervisor wallboard metrics (issue 7): pure, no I/O. Definitions in service-level.ts.
export * from './agents';
export * from './alerts';
export * from './figures';
export * from './intervals';
export * from './service-level';
export * from './types';
export * from './snapshot';
