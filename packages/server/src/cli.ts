#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ADMIN_COMMANDS, ADMIN_NOTES, ADMIN_USAGE, runAdminCommand } from './admin/cli-commands.js';
import { OperatorAccountError } from './admin/operator-accounts.js';
import { SITE_CACHE_MS, SiteRegistry } from './auth/site-registry.js';
import {
  describeSettings,
  parseSiteSettings,
  SiteSettingError,
  type SiteSettings,
} from './auth/site-settings.js';
import { loadConfig } from './config.js';
import { connectDatabase, describeDatabase } from './db/connect.js';
import { lockEmbeddedDatabase } from './db/embedded-lock.js';
import { migrateToLatest } from './db/migrate.js';
import { isOperatorFixable } from './startup-errors.js';

const USAGE = `Usage:
  repruv-server sites add --name <name> --origin <origin> [--origin <origin> ...] [settings]
  repruv-server sites set --key <site key> [settings]
  repruv-server sites rotate-secret --key <site key>
  repruv-server sites list
  repruv-server sites remove --key <site key>
${ADMIN_USAGE}
  repruv-server migrate
  repruv-server --help

Settings of a site (sites add and sites set):
  --challenge on|off             visitors solve a proof-of-work challenge for a guest token (default off)
  --identity optional|required   required: every visitor is a user of the host, proven by user_hash (default optional)
  --daily-budget-usd <n>|none    US dollars a day for the site's visitors (default none: no limit)
  --fallback-model <model>|none  the model that answers once that budget is spent (default none: refuse)

sites add prints the site's identity secret once, and sites rotate-secret a new one: the host signs its
user ids with it (user_hash = hex HMAC-SHA256(secret, user_id)). sites list never shows it.
Origins look like https://example.com; http://localhost:* allows any port.
${ADMIN_NOTES}
The database is DATABASE_URL, or the embedded PGlite database in PGLITE_DIR (./.repruv-data);
the embedded one can be used by one process at a time, so stop the server before using the CLI on it.
On PostgreSQL a running server sees a change within ${SITE_CACHE_MS / 1000} s.`;

type Values = ReturnType<typeof parse>['values'];

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      key: { type: 'string' },
      challenge: { type: 'string' },
      identity: { type: 'string' },
      'daily-budget-usd': { type: 'string' },
      'fallback-model': { type: 'string' },
      email: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

const SECRET_NOTE = '(shown once; keep it on your server)';

/** The `sites …` commands, each with the flags it needs checked before the database is opened. */
const SITE_COMMANDS: Record<
  string,
  { check(values: Values, settings: SiteSettings): string | undefined; run: SiteCommand }
> = {
  add: {
    check: (values) =>
      !values.name || !values.origin?.length
        ? 'sites add needs --name and at least one --origin.'
        : undefined,
    async run(sites, values, settings) {
      const site = await sites.add(values.name!, values.origin!, settings);
      console.log(`Registered "${site.name}" for ${site.allowed_origins.join(', ')}`);
      console.log(`Site key: ${site.site_key}`);
      console.log(`Identity secret: ${site.identity_secret} ${SECRET_NOTE}`);
      console.log(`Settings: ${describeSettings(site)}`);
      console.log(
        `Embed: <script src="https://YOUR-SERVER/widget.js" data-site-key="${site.site_key}" defer></script>`,
      );
      return 0;
    },
  },
  set: {
    check: (values, settings) =>
      !values.key
        ? 'sites set needs --key.'
        : Object.keys(settings).length === 0
          ? 'sites set needs at least one of --challenge, --identity, --daily-budget-usd, --fallback-model.'
          : undefined,
    async run(sites, values, settings) {
      const site = await sites.update(values.key!, settings);
      if (!site) return noSuchSite(values.key!);
      console.log(`Updated ${site.site_key}: ${describeSettings(site)}`);
      return 0;
    },
  },
  'rotate-secret': {
    check: (values) => (!values.key ? 'sites rotate-secret needs --key.' : undefined),
    async run(sites, values) {
      const secret = await sites.rotateSecret(values.key!);
      if (!secret) return noSuchSite(values.key!);
      console.log(`New identity secret for ${values.key}: ${secret} ${SECRET_NOTE}`);
      console.log(
        `The previous secret stops working within ${SITE_CACHE_MS / 1000} s: give the host the new one now.`,
      );
      return 0;
    },
  },
  list: {
    check: () => undefined,
    async run(sites) {
      for (const site of await sites.list()) {
        console.log(
          `${site.site_key}\t${site.name}\t${site.allowed_origins.join(',')}\t${describeSettings(site)}`,
        );
      }
      return 0;
    },
  },
  remove: {
    check: (values) => (!values.key ? 'sites remove needs --key.' : undefined),
    async run(sites, values) {
      const removed = await sites.remove(values.key!);
      if (!removed) return noSuchSite(values.key!);
      console.log(`Removed ${values.key}.`);
      return 0;
    },
  },
};

type SiteCommand = (sites: SiteRegistry, values: Values, settings: SiteSettings) => Promise<number>;

function noSuchSite(key: string): number {
  console.log(`No site has the key ${key}.`);
  return 1;
}

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parse(argv);
  const [command, action] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!command) {
    console.error(USAGE);
    return 1;
  }
  const siteCommand = command === 'sites' && action ? SITE_COMMANDS[action] : undefined;
  const adminCommand = command === 'admin' && action ? ADMIN_COMMANDS[action] : undefined;
  if (command !== 'migrate' && !siteCommand && !adminCommand) {
    console.error(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    return 1;
  }
  const settings = parseSiteSettings({
    challenge: values.challenge,
    identity: values.identity,
    dailyBudgetUsd: values['daily-budget-usd'],
    fallbackModel: values['fallback-model'],
  });
  const problem = siteCommand?.check(values, settings) ?? adminCommand?.check(values);
  if (problem) {
    console.error(`${problem}\n\n${USAGE}`);
    return 1;
  }

  const config = loadConfig();
  const lock = lockEmbeddedDatabase(config.database, 'cli');
  const db = connectDatabase(config.database);
  try {
    await migrateToLatest(db);
    if (adminCommand) return await runAdminCommand(db, action!, values);
    if (!siteCommand) {
      console.log(`Migrated ${describeDatabase(config.database)} to the latest schema.`);
      return 0;
    }
    return await siteCommand.run(new SiteRegistry(db), values, settings);
  } finally {
    await db.destroy();
    lock.release();
  }
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    // TypeError: parseArgs' message for an unknown or ill-formed option (and new URL's for an origin).
    console.error(
      isOperatorFixable(error) ||
        error instanceof TypeError ||
        error instanceof SiteSettingError ||
        error instanceof OperatorAccountError
        ? error.message
        : error,
    );
    process.exit(1);
  });
