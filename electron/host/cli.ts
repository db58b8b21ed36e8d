#!/usr/bin/env node
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { createCore } from '../core/app.js';
import { resolveDataDir } from './data-dir.js';
import { serve } from './serve.js';
import { importComplaintsCsv, importFeedbackCsv } from '../core/complaints/complaints-csv.js';
import { importSalesCsv } from '../core/checkout/sales-csv.js';
import { statsCommand } from './stats-command.js';
import { backupCommand, exportAllCommand, openCoreOrExplain, restoreCommand, StartFailureLine } from './backup-commands.js';

/**
 * `npm run pos -- <command>`: the owner's and integrator's door to the same services the
 * app uses. Every command takes --data-dir DIR (or POS_DATA_DIR).
 */
const USAGE = `usage: npm run pos -- <command> [options]

commands:
  serve [--port N]             serve the app on 127.0.0.1 (browser host)
  demo [--locale zh-CN|en]     create the demo shop (sample staff, products, members, sales)
  import products FILE [--json] import products from CSV (sku,barcode,name,category,price,points_rule)
  export products FILE         write the catalogue as CSV in the import format
  import members FILE          import members from CSV (phone,name,card_no,birthday,gender,enrolled_at,tier,points,stored_value,tags,note)
  export members FILE          write the members as CSV in the import format
  import complaints FILE       complaint history (logged_at,member_phone,channel,category,severity,description,status,resolved_at)
  import feedback FILE         NPS answers (answered_at,member_phone,score,comment)
  import sales FILE            sales history (receipt_no,sold_at,member_phone,total,payment_method,refund_of)
  stats --from D --to D [--json]  the owner's figures for a period (dates YYYY-MM-DD)
  stats --server URL|DIR [--branch B2] [--from D --to D] [--json]  head office's figures, the chain's or a branch's
  export all DIR               everything (products, members, complaints, feedback, sales, ledgers) as a zip of CSV files
  backup                       take a verified backup now (data folder's backups/ and the second folder if set)
  restore FILE                 restore a backup (a path, or a name in backups/); the current data is backed up first
  server --pg URL | --embedded DIR  the shop server for several tills ('server help' for its commands)
  help                         this text

options:
  --data-dir DIR               the shop's data folder (default: POS_DATA_DIR or the app's folder)
`;

export async function main(argv: string[]): Promise<number> {
  // The shop server has options of its own and loads PostgreSQL's driver: only when asked.
  if (argv[0] === 'server') {
    // The server runs the chain's daily member jobs in a till core of its own (member-jobs-till.ts).
    const { createMemberJobsTill } = await import('./member-jobs-till.js');
    return (await import('../../server/cli.js')).serverCommand(argv.slice(1), {
      memberJobs: (dataDir) => (host) => createMemberJobsTill(host, { dataDir: path.join(dataDir, 'member-jobs') }),
    });
  }
  // Head-office figures from the server's database (issue 15): the same driver, loaded only then.
  if (argv[0] === 'stats' && argv.some((a) => a === '--server' || a.startsWith('--server='))) {
    return (await import('./chain-stats-command.js')).chainStatsCommand(argv.slice(1));
  }
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      secret: { type: 'string' },
      locale: { type: 'string', default: 'zh-CN' },
      json: { type: 'boolean', default: false },
      from: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command] = positionals;
  const dataDir = resolveDataDir(values['data-dir']);

  switch (command) {
    case 'serve': {
      const port = values.port === undefined ? 0 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`--port must be a number from 0 to 65535`);
        return 2;
      }
      const { host } = await serve({ dataDir, port, ...(values.secret ? { secret: values.secret } : {}) });
      console.log(`Counter POS is serving ${dataDir}`);
      console.log(`Open ${host.openUrl}`);
      return -1; // keep running
    }
    case 'demo': {
      const locale = values.locale === 'en' ? 'en' : 'zh-CN';
      const core = openCoreOrExplain({ dataDir });
      try {
        const result = await core.dispatcher.call('shop.setupDemo', { locale });
        if (!result.ok) {
          console.error(`demo: ${result.error.code} — the folder already holds a shop (${core.dbFile})`);
          return 1;
        }
        const counts = core.db.prepare('SELECT (SELECT count(*) FROM products) AS products, (SELECT count(*) FROM members) AS members, (SELECT count(*) FROM sales) AS sales').get();
        if (values.json) console.log(JSON.stringify({ dataDir, staff: result.value.staff, counts }));
        else {
          console.log(`Demo shop created in ${dataDir}`);
          for (const s of result.value.staff) console.log(`  ${s.role.padEnd(8)} ${s.name}  PIN ${s.pin}`);
          console.log(`  ${JSON.stringify(counts)}`);
        }
        return 0;
      } finally {
        core.close();
      }
    }
    case 'import':
    case 'export': {
      const [, kind, file] = positionals;
      if (!kind || !file) {
        console.error(`usage: npm run pos -- ${command} <kind> FILE`);
        return 2;
      }
      if (command === 'export' && kind === 'all') return exportAllCommand(dataDir, file);
      const core = openCoreOrExplain({ dataDir });
      try {
        return command === 'import' ? importFile(core, kind, file, values.json) : exportFile(core, kind, file);
      } finally {
        core.close();
      }
    }
    case 'stats':
      return statsCommand(dataDir, values);
    case 'backup':
      return backupCommand(dataDir);
    case 'restore': {
      const [, file] = positionals;
      if (!file) {
        console.error('usage: npm run pos -- restore FILE [--data-dir DIR]');
        return 2;
      }
      return restoreCommand(dataDir, file);
    }
    case undefined:
    case 'help':
      console.log(USAGE);
      return command === undefined && !values.help ? 2 : 0;
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

type Core = ReturnType<typeof createCore>;

/** Imports run as nobody in particular (staff id null) and are audited as such. */
function importFile(core: Core, kind: string, file: string, json: boolean): number {
  const bytes = fs.readFileSync(file);
  let report;
  switch (kind) {
    case 'products':
      report = core.services.catalogue.importCsv(bytes, null);
      break;
    case 'members':
      report = core.services.membersCsv.importCsv(bytes, null);
      break;
    case 'complaints':
      report = importComplaintsCsv(core.db, core.services.clock, core.services.audit, bytes, null);
      break;
    case 'feedback':
      report = importFeedbackCsv(core.db, core.services.clock, core.services.audit, bytes, null);
      break;
    case 'sales':
      report = importSalesCsv(core.db, core.services.audit, bytes, null);
      break;
    default:
      console.error(`import: unknown kind "${kind}" (products, members, complaints, feedback, sales)`);
      return 2;
  }
  if (json) console.log(JSON.stringify(report));
  else {
    console.log(`${kind}: ${report.imported} imported, ${report.updated} updated, ${report.errors.length} rejected`);
    for (const e of report.errors) console.log(`  line ${e.line}: ${e.reason}${e.details ? ' ' + JSON.stringify(e.details) : ''}`);
  }
  return report.errors.length > 0 ? 1 : 0;
}

function exportFile(core: Core, kind: string, file: string): number {
  switch (kind) {
    case 'products': {
      const { csv, rows } = core.services.catalogue.exportCsv();
      fs.writeFileSync(file, csv);
      console.log(`products: ${rows} rows written to ${file}`);
      return 0;
    }
    case 'members': {
      const { csv, rows } = core.services.membersCsv.exportCsv();
      fs.writeFileSync(file, csv);
      console.log(`members: ${rows} rows written to ${file}`);
      return 0;
    }
    default:
      console.error(`export: unknown kind "${kind}" (products, members, all)`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    // A shop that cannot open is explained in one line; anything else is reported as it is.
    console.error(err instanceof StartFailureLine ? err.message : err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
