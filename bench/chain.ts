/**
 * `npm run bench -- --chain [--quick | --scale S] [--seed N]`: the chain (issue 15) generated
 * into PostgreSQL (or reused from the cache, bench/generate/chain/cached-chain.ts), then head
 * office's figures beside their same-run baselines (bench/figures/chain-figures.ts), printed as
 * one markdown table and written to bench/results/latest-chain-<mode>.json.
 * --quick is the chain at 1/100 (20,000 members, 200,000 sales, 50 branches). --in-place: the
 * figures that write use the cached chain itself, not a copy (cached-chain.ts), and use it up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cachedChain } from './generate/chain/cached-chain.js';
import { chainFigures } from './figures/chain-figures.js';
import { markdownTable } from './lib/table.js';

export async function runChainBench(o: { quick: boolean; scale?: number; seed: number; inPlace?: boolean; root: string; log: (m: string) => void }): Promise<void> {
  const scale = o.scale ?? (o.quick ? 0.01 : 1);
  const started = Date.now();
  const chain = await cachedChain({ seed: o.seed, scale, inPlace: o.inPlace ?? false, log: (m) => o.log(`generate chain: ${m}`) });
  o.log(`chain at scale ${scale}: ${chain.generated ? `generated in ${chain.seconds} s` : `from the cache (generated in ${chain.seconds} s)`} — ${JSON.stringify(chain.counts)}`);
  const rows = await chainFigures({ chain, runs: o.quick ? 5 : 7, log: o.log });
  const table = markdownTable(rows);
  const seconds = Math.round((Date.now() - started) / 1000);
  const c = chain.counts;
  console.log(`\n## Chain benchmarks (${o.quick ? 'quick, ' : ''}scale ${scale}: ${c.members} members, ${c.sales} sales, ${c.branches} branches, ${c.facts} facts; ${seconds} s)\n`);
  console.log(table);
  console.log(`\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}; ${chain.describe}`);
  const unmet = rows.filter((r) => r.met === false);
  if (unmet.length > 0) console.log(`\nTargets missed: ${unmet.map((r) => r.figure).join('; ')}`);
  const dir = path.join(o.root, 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const mode = o.quick ? 'quick' : scale === 1 ? 'full' : `scale${scale}`;
  const result = { at: new Date().toISOString(), mode, seed: o.seed, scale, seconds, chain: { counts: c, generatedInSeconds: chain.seconds, generatedThisRun: chain.generated, inPlace: chain.inPlace }, rows, table };
  fs.writeFileSync(path.join(dir, `latest-chain-${mode}.json`), JSON.stringify(result, null, 2));
  o.log(`written bench/results/latest-chain-${mode}.json`);
}
