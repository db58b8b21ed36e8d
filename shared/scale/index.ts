export * from './check-digits.js';
export * from './template.js';
export * from './parse.js';
export * from './weigh-price.js';
export * from './weight-string.js';
export * from './plu-csv.js';
