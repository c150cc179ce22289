import type { Database } from '../db/connect.js';
import { OperatorAccounts } from './operator-accounts.js';
import { generatePassword } from './passwords.js';

export const ADMIN_USAGE = `  repruv-server admin create --email <e-mail> [--password-stdin]
  repruv-server admin set-password --email <e-mail> [--password-stdin]
  repruv-server admin list
  repruv-server admin remove --email <e-mail>`;

export const ADMIN_NOTES = `Operators sign in to the console at /admin. admin create and admin set-password read the password from
standard input with --password-stdin (at least 12 characters), or make one and print it once; a new
password signs the operator out everywhere.`;

export interface AdminValues {
  email?: string | undefined;
  'password-stdin'?: boolean | undefined;
}

type AdminCommand = (accounts: OperatorAccounts, values: AdminValues) => Promise<number>;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The given password, or a new one (printed once). */
async function passwordFor(values: AdminValues): Promise<{ password: string; made: boolean }> {
  if (values['password-stdin']) return { password: await readStdin(), made: false };
  return { password: generatePassword(), made: true };
}

function needsEmail(action: string) {
  return (values: AdminValues) => (values.email ? undefined : `admin ${action} needs --email.`);
}

/** The `admin …` commands, each with the flags it needs checked before the database is opened. */
export const ADMIN_COMMANDS: Record<
  string,
  { check(values: AdminValues): string | undefined; run: AdminCommand }
> = {
  create: {
    check: needsEmail('create'),
    async run(accounts, values) {
      const { password, made } = await passwordFor(values);
      const operator = await accounts.create(values.email!, password);
      console.log(`Created the operator ${operator.email}.`);
      if (made)
        console.log(`Password: ${password} (shown once; change it with admin set-password)`);
      return 0;
    },
  },
  'set-password': {
    check: needsEmail('set-password'),
    async run(accounts, values) {
      const { password, made } = await passwordFor(values);
      if (!(await accounts.setPassword(values.email!, password))) {
        console.log(`No operator has the e-mail ${values.email}.`);
        return 1;
      }
      console.log(`New password for ${values.email}; every session of theirs is signed out.`);
      if (made) console.log(`Password: ${password} (shown once)`);
      return 0;
    },
  },
  list: {
    check: () => undefined,
    async run(accounts) {
      for (const operator of await accounts.list()) {
        const lastSignIn = operator.last_sign_in_at
          ? new Date(operator.last_sign_in_at).toISOString()
          : 'never signed in';
        console.log(`${operator.email}\t${lastSignIn}`);
      }
      return 0;
    },
  },
  remove: {
    check: needsEmail('remove'),
    async run(accounts, values) {
      if (!(await accounts.remove(values.email!))) {
        console.log(`No operator has the e-mail ${values.email}.`);
        return 1;
      }
      console.log(`Removed the operator ${values.email}.`);
      return 0;
    },
  },
};

export function runAdminCommand(
  db: Database,
  action: string,
  values: AdminValues,
): Promise<number> {
  return ADMIN_COMMANDS[action]!.run(new OperatorAccounts(db), values);
}
