import readline from 'node:readline';
import type { Db } from '../db/pool.js';
import { MIN_OWNER_PASSWORD, setOwnerPassword } from './owner.js';

/**
 * `npm run pos -- server owner-password`: the password is read from stdin (typed, or piped by a
 * script), never taken from the command line, where it would stay in the shell's history.
 */
export async function ownerPasswordCommand(db: Db): Promise<number> {
  if (process.stdin.isTTY) process.stderr.write(`owner password (at least ${MIN_OWNER_PASSWORD} characters), then Enter: `);
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  const line = await new Promise<string>((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  const password = line.replace(/\r$/, '');
  if (password.length < MIN_OWNER_PASSWORD) {
    console.error(`owner-password: at least ${MIN_OWNER_PASSWORD} characters`);
    return 2;
  }
  await setOwnerPassword(db, password);
  console.log('owner password set: sign in at https://<this server>/hq/ (open sessions were ended)');
  return 0;
}
