import type { ServerMigration } from './types.js';
import { m001ShopSync } from './001-shop-sync.js';
import { m002SpendAccounts } from './002-spend-accounts.js';
import { m003Branches } from './003-branches.js';
import { m004MemberDirectory } from './004-member-directory.js';
import { m005ChainStats } from './005-chain-stats.js';
import { m006ChainDayCounts } from './006-chain-day-counts.js';
import { m007MemberJobsTill } from './007-member-jobs-till.js';
import { m008RfmQuintileKeys } from './008-rfm-quintile-keys.js';

/** Every server migration, in order. */
export const serverMigrations: readonly ServerMigration[] = [m001ShopSync, m002SpendAccounts, m003Branches, m004MemberDirectory, m005ChainStats, m006ChainDayCounts, m007MemberJobsTill, m008RfmQuintileKeys];
