import type { Db } from '../db/pool.js';
import { addBranch, BranchNameError, listBranches, setLocalProducts } from './branches.js';

export const BRANCH_USAGE = `  server branch list [--json]   the chain's branches: code, name, head office, local products, tills, members held
  server branch add NAME [--local-products]
                               a new branch (B2, B3 …); --local-products lets it add products of its own
  server branch allow-local B2 | deny-local B2
                               let a branch add products of its own, or stop it
  server pair-code --branch B2 a pairing code for a till of that branch (default B1, head office)`;

/** `server branch …`: the owner's commands for the chain's branches. */
export async function branchCommand(db: Db, rest: string[], flags: { json: boolean; localProducts: boolean }): Promise<number> {
  const [sub, ...args] = rest;
  switch (sub) {
    case 'list': {
      const branches = await listBranches(db);
      if (flags.json) {
        console.log(JSON.stringify({ branches }));
        return 0;
      }
      for (const b of branches) {
        console.log(`  ${b.code.padEnd(5)} ${b.name.padEnd(12)} ${b.headOffice ? 'head office; ' : ''}${b.allowLocalProducts ? 'may add local products; ' : ''}tills ${b.tills}; members held ${b.members}`);
      }
      return 0;
    }
    case 'add': {
      const name = args.join(' ');
      try {
        const b = await addBranch(db, name, { localProducts: flags.localProducts });
        console.log(`${b.code} ${b.name} added${b.allowLocalProducts ? ' (may add local products)' : ''}: \`npm run pos -- server pair-code --branch ${b.code}\` pairs its tills`);
        return 0;
      } catch (err) {
        if (err instanceof BranchNameError) {
          console.error(`server branch add: ${err.message}`);
          return 2;
        }
        throw err;
      }
    }
    case 'allow-local':
    case 'deny-local': {
      const [code] = args;
      if (!code || !/^B\d{1,3}$/i.test(code)) {
        console.error(`usage: npm run pos -- server branch ${sub} B2 (--pg URL | --embedded DIR)`);
        return 2;
      }
      if (await setLocalProducts(db, code, sub === 'allow-local')) {
        console.log(`${code.toUpperCase()} ${sub === 'allow-local' ? 'may now add' : 'may no longer add'} products of its own`);
        return 0;
      }
      console.error(`no branch ${code.toUpperCase()}`);
      return 1;
    }
    default:
      console.error(`server branch: unknown command "${sub ?? ''}"\n\n${BRANCH_USAGE}`);
      return 2;
  }
}
