export const SEARCH_INPUT_ID = 'customer-search';
export const RESULTS_ID = 'customer-search-results';
export const optionId = (customerId: string) => `customer-result-${customerId}`;
