/**
 * Prints a bearer token for the configured (or development) HS256 secret:
 *   npm run token -- --sub alice --role ADMIN [--role AUDITOR] [--person <Person ID>] [--ttl 3600]
 */
import { parseArgs } from 'node:util';
import { resolveJwtKeys, signToken } from '../auth/jwt';
import { Role } from '../auth/roles';
import { ConfigError, loadConfig } from '../config';

function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      role: { type: 'string', multiple: true },
      person: { type: 'string' },
      ttl: { type: 'string', default: '86400' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const roles = (values.role ?? []).map((r) => r.toUpperCase());
  const bad = roles.filter((r) => !(Object.values(Role) as string[]).includes(r));
  if (values.help || !values.sub || roles.length === 0 || bad.length || !/^\d+$/.test(values.ttl ?? '')) {
    process.stderr.write(
      (bad.length ? `Unknown role(s): ${bad.join(', ')}\n` : '') +
        `Usage: npm run token -- --sub <subject> --role <${Object.values(Role).join('|')}> [--role ...] [--person <Person global ID>] [--ttl <seconds>]\n`,
    );
    process.exit(2);
  }
  const config = loadConfig();
  const keys = resolveJwtKeys(config);
  const token = signToken(
    keys,
    { sub: values.sub, roles: roles as Role[], ...(values.person ? { personId: values.person } : {}) },
    { expiresInSec: Number(values.ttl), issuer: config.jwt.issuer, audience: config.jwt.audience },
  );
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(1);
}
