import type { Database } from '../db/connect.js';
import { readSetting, writeSetting } from '../db/server-settings.js';
import type { Logger } from '../observability/logger.js';
import { OperatorAccounts } from './operator-accounts.js';
import { generatePassword, verifyPassword } from './passwords.js';

export const DEMO_OPERATOR_EMAIL = 'admin@localhost';
const SETTING = 'demo_operator_password';

/**
 * A development start with no operator makes one, so that a newcomer can open the console at once;
 * its password is kept in the (development) database and printed at every start until changed.
 */
export async function announceDemoOperator(
  db: Database,
  consoleUrl: string,
  logger: Logger,
): Promise<void> {
  const accounts = new OperatorAccounts(db);
  if ((await accounts.count()) === 0) {
    const password = generatePassword();
    await accounts.create(DEMO_OPERATOR_EMAIL, password);
    await writeSetting(db, SETTING, password);
  }
  const saved = await readSetting(db, SETTING);
  const demo = (await db('operators').where({ email: DEMO_OPERATOR_EMAIL }).first()) as
    { password_hash: string } | undefined;
  if (!saved || !demo) return;
  const change = `change it with: npx repruv-server admin set-password --email ${DEMO_OPERATOR_EMAIL} (server stopped)`;
  if (await verifyPassword(saved, demo.password_hash)) {
    logger.info(
      { console: consoleUrl, email: DEMO_OPERATOR_EMAIL },
      `Console: ${consoleUrl}, demo operator ${DEMO_OPERATOR_EMAIL}, password ${saved} (development only; ${change})`,
    );
    return;
  }
  await db('server_settings').where({ key: SETTING }).delete();
}
