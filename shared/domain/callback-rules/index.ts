export * from './due';
export * from './quiet-hours';
export * from './retry';
export * from './window';
export * from './zone';
