/** The `pos stats --json` object lives in shared/ (head office prints the same one); the core keeps this path. */
export * from '../../../shared/stats/stats-json.js';
