/** How ledger reasons count lives in shared/ (head office's figures use it too); the core keeps this path. */
export * from '../../../shared/stats/points-flow.js';
