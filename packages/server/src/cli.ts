#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { SiteRegistry } from './auth/site-registry.js';
import { loadConfig } from './config.js';
import { connectDatabase, describeDatabase } from './db/connect.js';
import { lockEmbeddedDatabase } from './db/embedded-lock.js';
import { migrateToLatest } from './db/migrate.js';
import { isOperatorFixable } from './startup-errors.js';

const USAGE = `Usage:
  repruv-server sites add --name <name> --origin <origin> [--origin <origin> ...]
  repruv-server sites list
  repruv-server sites remove --key <site key>
  repruv-server migrate
  repruv-server --help

Origins look like https://example.com; http://localhost:* allows any port.
The database is DATABASE_URL, or the embedded PGlite database in PGLITE_DIR (./.repruv-data);
the embedded one can be used by one process at a time, so stop the server before using the CLI on it.`;

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      key: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, action] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!command) {
    console.error(USAGE);
    return 1;
  }

  const config = loadConfig();
  const lock = lockEmbeddedDatabase(config.database, 'cli');
  const db = connectDatabase(config.database);
  try {
    await migrateToLatest(db);
    const sites = new SiteRegistry(db);
    if (command === 'migrate') {
      console.log(`Migrated ${describeDatabase(config.database)} to the latest schema.`);
      return 0;
    }
    if (command === 'sites' && action === 'add') {
      if (!values.name || !values.origin?.length) {
        console.error('sites add needs --name and at least one --origin.\n\n' + USAGE);
        return 1;
      }
      const site = await sites.add(values.name, values.origin);
      console.log(`Registered "${site.name}" for ${site.allowed_origins.join(', ')}`);
      console.log(`Site key: ${site.site_key}`);
      console.log(
        `Embed: <script src="https://YOUR-SERVER/widget.js" data-site-key="${site.site_key}" defer></script>`,
      );
      return 0;
    }
    if (command === 'sites' && action === 'list') {
      for (const site of await sites.list()) {
        console.log(`${site.site_key}\t${site.name}\t${site.allowed_origins.join(',')}`);
      }
      return 0;
    }
    if (command === 'sites' && action === 'remove') {
      if (!values.key) {
        console.error('sites remove needs --key.');
        return 1;
      }
      const removed = await sites.remove(values.key);
      console.log(removed ? `Removed ${values.key}.` : `No site has the key ${values.key}.`);
      return removed ? 0 : 1;
    }
    console.error(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    return 1;
  } finally {
    await db.destroy();
    lock.release();
  }
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    // TypeError: parseArgs' message for an unknown or ill-formed option.
    console.error(isOperatorFixable(error) || error instanceof TypeError ? error.message : error);
    process.exit(1);
  });
