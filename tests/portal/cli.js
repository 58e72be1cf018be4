#!/usr/bin/env node
// @ts-check
/**
 * Starts the demo Bitrix24 portal.
 *
 *   node tests/portal/cli.js [--port 8024] [--second-port 8025 | --no-second-port] [--users file.json] [--host 127.0.0.1]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { provisioningUri } from './otp.js';
import { startPortal } from './server.js';
import { readUsersFile } from './state.js';

const USAGE = `Usage: node tests/portal/cli.js [options]
  --port <n>          port of the portal (default 8024; 0 = any free port)
  --second-port <n>   port of the second origin sharing the same state (default 8025; 0 = any free port)
  --no-second-port    no second origin
  --users <file>      users config (default tests/portal/users.json)
  --host <address>    loopback address to listen on (default 127.0.0.1)
  --help              this text`;

/**
 * @param {string | undefined} value
 * @param {string} name
 * @param {number} fallback
 */
function portArg(value, name, fallback) {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`${name} must be a port number, got ${JSON.stringify(value)}`);
  return n;
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'second-port': { type: 'string' },
      'no-second-port': { type: 'boolean' },
      users: { type: 'string' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const portal = await startPortal({
    port: portArg(values.port, '--port', 8024),
    secondPort: values['no-second-port'] ? false : portArg(values['second-port'], '--second-port', 8025),
    host: values.host ?? '127.0.0.1',
    users: values.users ? readUsersFile(resolve(values.users)) : undefined,
    // No SMS gateway: the console is the phone.
    onSms: ({ login, code }) => console.log(`SMS to ${login}: your Bitrix24 code is ${code}`),
  });

  const issuer = new URL(portal.url).hostname;
  const lines = [
    'Demo Bitrix24 portal (local, in memory)',
    `  portal:        ${portal.url}/demo/`,
    portal.secondUrl ? `  second origin: ${portal.secondUrl}/demo/  (same users and sessions)` : '',
    `  (the portal's root ${portal.url}/ redirects to /stream/, and from there to sign-in, as real portals do)`,
    '',
    `  classic sign-in:       ${portal.url}/auth/`,
    `  control panel sign-in: ${portal.url}/bitrix/admin/`,
    `  intranet sign-in:      ${portal.url}/login/  (and /login/?render=js)`,
    `  modern sign-in:        ${portal.url}/login/modern/`,
    `  Security page:         ${portal.url}/security/`,
    `  recovery codes:        ${portal.url}/security/recovery/`,
    '',
    'Users (demo only — these secrets are printed here, never on the pages):',
  ];
  for (const user of portal.state.users.values()) {
    lines.push(`  ${user.login} / ${user.password}  (${user.name})`);
    const otp = user.otp;
    if (otp?.type === 'push') {
      lines.push(
        `    PUSH (Bitrix24 app): the app's secret ${otp.secret}; its offline verification code is this secret's TOTP`,
      );
      lines.push('    the SMS code is printed here when the password is accepted');
      lines.push(
        `    recovery codes: ${user.recoveryCodes
          .filter((c) => !c.used)
          .map((c) => c.code)
          .join(' ')}`,
      );
    } else if (otp) {
      lines.push(
        `    ${otp.type.toUpperCase()} secret ${otp.secret}${otp.type === 'hotp' ? `, next counter ${otp.counter}` : ''}`,
      );
      lines.push(`    ${provisioningUri({ type: otp.type, secret: otp.secret, issuer, login: user.login })}`);
      lines.push(
        `    recovery codes: ${user.recoveryCodes
          .filter((c) => !c.used)
          .map((c) => c.code)
          .join(' ')}`,
      );
    } else {
      lines.push('    no authenticator yet: sign in with the password, then connect one on the Security page');
    }
  }
  lines.push('', 'Press Ctrl+C to stop.');
  console.log(lines.filter((l, i, all) => l !== '' || all[i - 1] !== '').join('\n'));

  let stopping = false;
  /** @param {NodeJS.Signals} signal */
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the portal`);
    portal.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
