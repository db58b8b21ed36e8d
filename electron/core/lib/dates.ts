/** Calendar arithmetic lives in shared/ (the dashboard's period picker uses it too); the core keeps this path. */
export * from '../../../shared/dates.js';
