import { describe, expect, it } from 'vitest';
import { SYNC_TABLES } from './tables.js';
import { BRANCH_TABLES, MEMBER_OWNER, MEMBER_TABLES, scopeOfTable } from './scopes.js';

/** Every shared table has its place in a chain on purpose: a new one fails here until it is placed. */
describe('where each shared table belongs in a chain', () => {
  it('facts and ledgers are a branch\'s or a member\'s; set-up is the chain\'s', () => {
    const misplaced = SYNC_TABLES.filter((t) => (t.kind === 'authority') !== (scopeOfTable(t.name) === 'chain')).map((t) => `${t.name} (${t.kind})`);
    expect(misplaced).toEqual([]);
    const unknown = [...MEMBER_TABLES, ...BRANCH_TABLES].filter((n) => !SYNC_TABLES.some((t) => t.name === n));
    expect(unknown).toEqual([]);
  });

  it('every member table says how its member is found', () => {
    expect([...MEMBER_TABLES].filter((n) => !MEMBER_OWNER[n])).toEqual([]);
  });
});
