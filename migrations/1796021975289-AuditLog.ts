import { MigrationInterface, QueryRunner } from "typeorm";

/** Audited tables: [table, GraphQL type ('*': from the asset kind), key column, asset column, second asset column]. */
const AUDITED: ReadonlyArray<[string, string, string, string, string]> = [
    ['asset', '*', 'id', 'id', ''],
    ['asset_external_ref', '*', 'asset_id', 'asset_id', ''],
    ['asset_relation', '*', 'asset_id', 'asset_id', 'related_asset_id'],
    ['person', 'Person', 'id', '', ''],
    ['department', 'Department', 'id', '', ''],
    ['location', 'Location', 'id', '', ''],
    ['vendor', 'Vendor', 'id', '', ''],
    ['contract', 'Contract', 'id', '', ''],
    ['contract_asset', 'Contract', 'contract_id', 'asset_id', ''],
    ['maintenance_record', 'MaintenanceRecord', 'id', 'asset_id', ''],
    ['custody_event', 'CustodyEvent', 'id', 'asset_id', ''],
    ['license_seat', 'LicenseSeat', 'id', 'license_id', 'asset_id'],
    ['disposal', 'Disposal', 'asset_id', 'asset_id', ''],
    ['physical_audit', 'PhysicalAudit', 'id', 'asset_id', ''],
];

export class AuditLog1796021975289 implements MigrationInterface {
    name = 'AuditLog1796021975289'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "seq" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor" character varying(200) NOT NULL, "action" character varying(100) NOT NULL, "entity_type" character varying(50) NOT NULL, "entity_id" uuid NOT NULL, "asset_id" uuid, "related_asset_id" uuid, "operation" character varying(10) NOT NULL, "changes" jsonb NOT NULL, "request_id" character varying(100), CONSTRAINT "uq_audit_entry_seq" UNIQUE ("seq"), CONSTRAINT "pk_audit_entry" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_at" ON "audit_entry"  ("at") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_related_asset" ON "audit_entry"  ("related_asset_id", "seq") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_asset" ON "audit_entry"  ("asset_id", "seq") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_entity" ON "audit_entry"  ("entity_id", "seq") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_action" ON "audit_entry"  ("action", "seq") `);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_actor" ON "audit_entry"  ("actor", "seq") `);

        // Hand-written below. The audit log is written by the database: every table of the register has
        // itam_audit as an AFTER trigger, so no path changes data unrecorded. Arguments: the GraphQL type of
        // the row ('*' for asset: from its kind), the key column, the asset column, a second asset column.
        await queryRunner.query(`CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION itam_refuse_change()`);
        await queryRunner.query(`CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON "audit_entry" FOR EACH STATEMENT EXECUTE FUNCTION itam_refuse_change()`);
        await queryRunner.query(`CREATE FUNCTION itam_audit() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
              old_row jsonb := CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END;
              new_row jsonb := CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END;
              cur jsonb := COALESCE(new_row, old_row);
              diff jsonb := '{}'::jsonb;
              entity text := TG_ARGV[0];
            BEGIN
              -- One set-based pass over the columns (a PL/pgSQL loop per key costs 4x more on wide asset rows).
              SELECT COALESCE(jsonb_object_agg(k, CASE WHEN k = 'license_key'
                  -- Secrets: that they changed is recorded, not their value.
                  THEN jsonb_build_object(
                    'before', CASE WHEN old_row -> k IS NULL OR old_row -> k = 'null' THEN 'null'::jsonb ELSE '"[redacted]"'::jsonb END,
                    'after', CASE WHEN new_row -> k IS NULL OR new_row -> k = 'null' THEN 'null'::jsonb ELSE '"[redacted]"'::jsonb END)
                  ELSE jsonb_build_object('before', COALESCE(old_row -> k, 'null'::jsonb), 'after', COALESCE(new_row -> k, 'null'::jsonb)) END), '{}'::jsonb)
                INTO diff
                FROM jsonb_object_keys(cur) AS k
               WHERE k NOT IN ('updated_at', 'version', 'created_at') AND (old_row -> k) IS DISTINCT FROM (new_row -> k);
              IF TG_OP = 'UPDATE' AND diff = '{}'::jsonb THEN RETURN NULL; END IF;
              IF entity = '*' THEN
                entity := CASE COALESCE(cur ->> 'kind', (SELECT a.kind FROM asset a WHERE a.id = (cur ->> TG_ARGV[1])::uuid))
                  WHEN 'HARDWARE' THEN 'Hardware' WHEN 'SOFTWARE_LICENSE' THEN 'SoftwareLicense' WHEN 'NETWORK_DEVICE' THEN 'NetworkDevice'
                  WHEN 'CLOUD_RESOURCE' THEN 'CloudResource' WHEN 'VIRTUAL_MACHINE' THEN 'VirtualMachine' WHEN 'DATA_ASSET' THEN 'DataAsset'
                  WHEN 'CERTIFICATE' THEN 'Certificate' ELSE 'Asset' END;
              END IF;
              INSERT INTO audit_entry (actor, action, entity_type, entity_id, asset_id, related_asset_id, operation, changes, request_id)
              VALUES (
                COALESCE(NULLIF(current_setting('itam.actor', true), ''), 'database:' || session_user),
                COALESCE(NULLIF(current_setting('itam.action', true), ''), 'sql.' || lower(TG_OP)),
                entity,
                (cur ->> TG_ARGV[1])::uuid,
                CASE WHEN TG_ARGV[2] <> '' THEN (cur ->> TG_ARGV[2])::uuid END,
                CASE WHEN TG_ARGV[3] <> '' THEN (cur ->> TG_ARGV[3])::uuid END,
                TG_OP,
                diff,
                NULLIF(current_setting('itam.request_id', true), ''));
              RETURN NULL;
            END $$`);
        for (const [table, entity, key, asset, related] of AUDITED) {
            await queryRunner.query(`CREATE TRIGGER ${table}_audit AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION itam_audit('${entity}', '${key}', '${asset}', '${related}')`);
            // TRUNCATE fires no row triggers: it would empty a table unrecorded, so it is refused outright.
            await queryRunner.query(`CREATE TRIGGER ${table}_audit_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION itam_refuse_change()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const [table] of AUDITED) {
            await queryRunner.query(`DROP TRIGGER ${table}_audit_no_truncate ON "${table}"`);
            await queryRunner.query(`DROP TRIGGER ${table}_audit ON "${table}"`);
        }
        await queryRunner.query(`DROP FUNCTION itam_audit()`);
        await queryRunner.query(`DROP TRIGGER audit_entry_no_truncate ON "audit_entry"`);
        await queryRunner.query(`DROP TRIGGER audit_entry_append_only ON "audit_entry"`);
        await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_actor"`);
        await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_action"`);
        await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_entity"`);
        await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_asset"`);
        await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_related_asset"`);
        await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_at"`);
        await queryRunner.query(`DROP TABLE "audit_entry"`);
    }

}
