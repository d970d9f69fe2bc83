export * from './data';
export * from './flow';
export * from './sla';
export * from './types';
