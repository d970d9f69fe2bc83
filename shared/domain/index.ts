export * from './clv';
export * from './customer-metrics';
export * from './lifecycle';
export * from './phone';
export * from './rfm';
export * from './search-terms';
export * from './time';
export * from './value-tier';
