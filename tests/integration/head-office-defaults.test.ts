import { describe, expect, it } from 'vitest';
import { DEFAULT_LAPSE_DAYS, DEFAULT_POINTS_PER_YUAN } from '../../server/stats/service.js';
import { DEFAULT_CARE_RULES } from '../../electron/core/care/care-service.js';
import { DEFAULT_REWARDS_RULES } from '../../electron/core/rewards/rules.js';

/** Head office falls back to the tills' defaults when no till has pushed its rules (server/stats/service.ts keeps copies: it may not import the till). */
describe('head-office figure defaults', () => {
  it('are the tills\' defaults', () => {
    expect(DEFAULT_LAPSE_DAYS).toBe(DEFAULT_CARE_RULES.lapseDays);
    expect(DEFAULT_POINTS_PER_YUAN).toBe(DEFAULT_REWARDS_RULES.redeemPointsPerYuan);
  });
});
