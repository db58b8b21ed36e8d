/** The dashboard's period arithmetic lives in shared/ (head office's figures on the server use it too); the core keeps this path. */
export * from '../../../shared/stats/periods.js';
