/**
 * The benchmark's floor: each read workload fetched by one hand-written SQL statement through
 * `pg`, behind the same HTTP layer as the service (Express, JSON body parsing, bearer check with
 * the service's own verifier), in its own process with the same Node.js flags. test/bench/run.ts
 * starts it; it prints `floor ready at <url>` and serves POST /floor/Q1 … /floor/Q4.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Pool } from 'pg';
import { resolveJwtKeys, verifyBearer } from '../../src/auth/jwt';
import { loadConfig } from '../../src/config';

/** The floor: each read workload as one hand-written statement. */
export const FLOOR_SQL: Record<string, string> = {
  Q1: `SELECT a.id, a.asset_tag, a.name, a.status, a.custodian_type, COALESCE(p.display_name, d.name, l.name, v.name) AS custodian
         FROM asset a
         LEFT JOIN person p ON a.custodian_type = 'PERSON' AND p.id = a.custodian_id
         LEFT JOIN department d ON a.custodian_type = 'DEPARTMENT' AND d.id = a.custodian_id
         LEFT JOIN location l ON a.custodian_type = 'LOCATION' AND l.id = a.custodian_id
         LEFT JOIN vendor v ON a.custodian_type = 'VENDOR' AND v.id = a.custodian_id
        WHERE a.id = $1`,
  Q2: `SELECT a.id, a.asset_tag, a.name, a.status, a.kind FROM asset a
        WHERE a.status = ANY('{IN_USE,IN_STOCK}') AND a.kind = 'HARDWARE'
          AND a.location_id IN (WITH RECURSIVE sub AS (SELECT id FROM location WHERE id = $1 UNION ALL SELECT l.id FROM location l JOIN sub ON l.parent_id = sub.id) SELECT id FROM sub)
        ORDER BY a.asset_tag, a.id LIMIT 50`,
  Q3: `SELECT a.id, a.asset_tag, a.name, a.status, a.kind, a.hw_category, a.serial_number, a.product, a.seats_total, a.device_type, a.cloud_provider,
              a.service_model, a.vcpus, a.memory_mib, a.classification, a.common_name, loc.name AS location,
              COALESCE(p.display_name, d.name, l.name, v.name) AS custodian,
              (SELECT json_agg(e) FROM (SELECT sequence, type, occurred_at FROM custody_event WHERE asset_id = a.id ORDER BY sequence DESC LIMIT 5) e) AS chain,
              (SELECT json_agg(json_build_object('contractNumber', c.contract_number, 'vendor', cv.name)) FROM contract_asset ca
                 JOIN contract c ON c.id = ca.contract_id LEFT JOIN vendor cv ON cv.id = c.vendor_id WHERE ca.asset_id = a.id) AS contracts
         FROM (SELECT * FROM asset ORDER BY updated_at DESC, id DESC LIMIT $1) a
         LEFT JOIN location loc ON loc.id = a.location_id
         LEFT JOIN person p ON a.custodian_type = 'PERSON' AND p.id = a.custodian_id
         LEFT JOIN department d ON a.custodian_type = 'DEPARTMENT' AND d.id = a.custodian_id
         LEFT JOIN location l ON a.custodian_type = 'LOCATION' AND l.id = a.custodian_id
         LEFT JOIN vendor v ON a.custodian_type = 'VENDOR' AND v.id = a.custodian_id
        ORDER BY a.updated_at DESC, a.id DESC`,
  Q4: `SELECT a.id, a.asset_tag, a.name, a.status FROM asset a WHERE ($1::text IS NULL OR (a.asset_tag, a.id) > ($1::text, $2::uuid)) ORDER BY a.asset_tag, a.id LIMIT 50`,
};

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  const keys = resolveJwtKeys(config);
  const pool = new Pool({ connectionString: config.databaseUrl, max: config.dbPoolMax });
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.post('/floor/:q', express.json(), async (req, res) => {
    try {
      verifyBearer(req.headers.authorization, keys, config);
      const { rows } = await pool.query(FLOOR_SQL[req.params.q], req.body.params ?? []);
      res.json({ data: rows });
    } catch (err) {
      res.status(500).json({ error: (err as Error).message });
    }
  });
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(config.port, config.host, r));
  process.stdout.write(`floor ready at http://${config.host}:${(server.address() as AddressInfo).port}\n`);
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
