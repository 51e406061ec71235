import { MigrationInterface, QueryRunner } from "typeorm";

export class CustodyContractsMaintenance1796019129460 implements MigrationInterface {
    name = 'CustodyContractsMaintenance1796019129460'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "contract" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "contract_number" character varying(100) NOT NULL, "title" character varying(200) NOT NULL, "type" character varying(30) NOT NULL, "vendor_id" uuid, "starts_on" date, "ends_on" date, "renews_on" date, "auto_renew" boolean NOT NULL DEFAULT false, "notice_period_days" integer NOT NULL DEFAULT '0', "cost" numeric(14,2), "cost_currency" character(3), "sla_terms" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "uq_contract_number" UNIQUE ("contract_number"), CONSTRAINT "chk_contract_title" CHECK (length(btrim(title)) > 0 AND length(btrim(contract_number)) > 0), CONSTRAINT "chk_contract_cost" CHECK ((cost IS NULL) = (cost_currency IS NULL) AND (cost IS NULL OR cost >= 0) AND (cost_currency IS NULL OR cost_currency ~ '^[A-Z]{3}$')), CONSTRAINT "chk_contract_notice" CHECK (notice_period_days >= 0), CONSTRAINT "chk_contract_dates" CHECK (ends_on IS NULL OR starts_on IS NULL OR starts_on <= ends_on), CONSTRAINT "chk_contract_type" CHECK (type IN ('PURCHASE', 'LEASE', 'SUPPORT', 'MAINTENANCE', 'WARRANTY', 'SLA', 'SUBSCRIPTION', 'LICENSE_AGREEMENT')), CONSTRAINT "PK_17c3a89f58a2997276084e706e8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_contract_type" ON "contract"  ("type") `);
        await queryRunner.query(`CREATE INDEX "idx_contract_vendor" ON "contract"  ("vendor_id") `);
        await queryRunner.query(`CREATE INDEX "idx_contract_ends_on" ON "contract"  ("ends_on") `);
        await queryRunner.query(`CREATE TABLE "contract_asset" ("contract_id" uuid NOT NULL, "asset_id" uuid NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_contract_asset" PRIMARY KEY ("contract_id", "asset_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_contract_asset_asset" ON "contract_asset"  ("asset_id") `);
        await queryRunner.query(`CREATE TABLE "custody_event" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "asset_id" uuid NOT NULL, "sequence" integer NOT NULL, "type" character varying(30) NOT NULL, "from_type" character varying(20), "from_id" uuid, "to_type" character varying(20), "to_id" uuid, "holder_type" character varying(20), "holder_id" uuid, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expected_return_on" date, "note" text, "actor" character varying(200) NOT NULL, "hash" character(64) NOT NULL, "previous_hash" character(64), CONSTRAINT "uq_custody_event_sequence" UNIQUE ("asset_id", "sequence"), CONSTRAINT "chk_custody_event_hash" CHECK (hash ~ '^[0-9a-f]{64}$' AND (previous_hash IS NULL OR previous_hash ~ '^[0-9a-f]{64}$') AND (previous_hash IS NULL) = (sequence = 1)), CONSTRAINT "chk_custody_event_sequence" CHECK (sequence >= 1), CONSTRAINT "chk_custody_event_holder" CHECK ((holder_type IS NULL) = (holder_id IS NULL) AND (holder_type IS NULL OR holder_type IN ('PERSON', 'DEPARTMENT', 'LOCATION', 'VENDOR'))), CONSTRAINT "chk_custody_event_to" CHECK ((to_type IS NULL) = (to_id IS NULL) AND (to_type IS NULL OR to_type IN ('PERSON', 'DEPARTMENT', 'LOCATION', 'VENDOR'))), CONSTRAINT "chk_custody_event_from" CHECK ((from_type IS NULL) = (from_id IS NULL) AND (from_type IS NULL OR from_type IN ('PERSON', 'DEPARTMENT', 'LOCATION', 'VENDOR'))), CONSTRAINT "chk_custody_event_type" CHECK (type IN ('CHECK_OUT', 'CHECK_IN', 'TRANSFER', 'MOVE', 'SENT_FOR_REPAIR', 'RETURNED_FROM_REPAIR', 'DISPOSAL_HANDOFF', 'REPORTED_LOST', 'FOUND')), CONSTRAINT "PK_da6996199f63fb40fa47ef3e85d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_custody_event_occurred" ON "custody_event"  ("occurred_at") `);
        await queryRunner.query(`CREATE TABLE "maintenance_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "asset_id" uuid NOT NULL, "type" character varying(30) NOT NULL, "status" character varying(20) NOT NULL, "scheduled_on" date, "started_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "cost" numeric(14,2), "cost_currency" character(3), "vendor_id" uuid, "covered_by_warranty" boolean NOT NULL DEFAULT false, "description" text, "return_status" character varying(20), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "chk_maintenance_completed" CHECK ((status = 'COMPLETED') = (completed_at IS NOT NULL)), CONSTRAINT "chk_maintenance_cost" CHECK ((cost IS NULL) = (cost_currency IS NULL) AND (cost IS NULL OR cost >= 0) AND (cost_currency IS NULL OR cost_currency ~ '^[A-Z]{3}$')), CONSTRAINT "chk_maintenance_return_status" CHECK (return_status IS NULL OR return_status IN ('ORDERED', 'IN_STOCK', 'IN_USE', 'IN_MAINTENANCE', 'RETIRED', 'DISPOSED', 'LOST')), CONSTRAINT "chk_maintenance_status" CHECK (status IN ('SCHEDULED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')), CONSTRAINT "chk_maintenance_type" CHECK (type IN ('PREVENTIVE', 'REPAIR', 'UPGRADE', 'INSPECTION', 'CALIBRATION', 'SOFTWARE_UPDATE', 'OTHER')), CONSTRAINT "PK_b86425c0ce6546daca660f8fa40" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_maintenance_status" ON "maintenance_record"  ("status") `);
        await queryRunner.query(`CREATE INDEX "idx_maintenance_vendor" ON "maintenance_record"  ("vendor_id") `);
        await queryRunner.query(`CREATE INDEX "idx_maintenance_asset_order" ON "maintenance_record"  ("asset_id", "created_at", "id") `);
        await queryRunner.query(`ALTER TABLE "asset" ADD "custodian_type" character varying(20)`);
        await queryRunner.query(`ALTER TABLE "asset" ADD "custodian_id" uuid`);
        await queryRunner.query(`ALTER TABLE "asset" ADD "checked_out_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "asset" ADD "expected_return_on" date`);
        await queryRunner.query(`ALTER TABLE "asset" ADD "custody_sequence" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`CREATE INDEX "idx_asset_custodian" ON "asset"  ("custodian_type", "custodian_id") `);
        await queryRunner.query(`ALTER TABLE "asset" ADD CONSTRAINT "chk_asset_custody_sequence" CHECK (custody_sequence >= 0)`);
        await queryRunner.query(`ALTER TABLE "asset" ADD CONSTRAINT "chk_asset_custodian" CHECK ((custodian_type IS NULL) = (custodian_id IS NULL) AND (custodian_type IS NULL OR custodian_type IN ('PERSON', 'DEPARTMENT', 'LOCATION', 'VENDOR')))`);
        await queryRunner.query(`ALTER TABLE "contract" ADD CONSTRAINT "fk_contract_vendor" FOREIGN KEY ("vendor_id") REFERENCES "vendor"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contract_asset" ADD CONSTRAINT "fk_contract_asset_contract" FOREIGN KEY ("contract_id") REFERENCES "contract"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "contract_asset" ADD CONSTRAINT "fk_contract_asset_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "custody_event" ADD CONSTRAINT "fk_custody_event_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "maintenance_record" ADD CONSTRAINT "fk_maintenance_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "maintenance_record" ADD CONSTRAINT "fk_maintenance_vendor" FOREIGN KEY ("vendor_id") REFERENCES "vendor"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);

        // ---- Written by hand ----
        // Custody events are append-only, whoever connects: the database refuses to change or remove them.
        await queryRunner.query(`CREATE FUNCTION itam_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
            END $$`);
        await queryRunner.query(`CREATE TRIGGER custody_event_append_only BEFORE UPDATE OR DELETE ON "custody_event" FOR EACH ROW EXECUTE FUNCTION itam_refuse_change()`);
        await queryRunner.query(`CREATE TRIGGER custody_event_no_truncate BEFORE TRUNCATE ON "custody_event" FOR EACH STATEMENT EXECUTE FUNCTION itam_refuse_change()`);
        // Renewal notice deadline (derived): served by an index for the contracts filter and the expiry radar.
        await queryRunner.query(`CREATE INDEX "idx_contract_renewal_decision" ON "contract" ((COALESCE(renews_on, ends_on) - notice_period_days))`);
        // EXPIRES_ON descending puts assets without an end last: that order's key coalesces to -infinity.
        await queryRunner.query(`CREATE INDEX "idx_asset_order_expires_on_desc" ON "asset" ((COALESCE(expires_on, '-infinity'::date)), id)`);
        // Overdue check-outs: only assets in use with a due date.
        await queryRunner.query(`CREATE INDEX "idx_asset_overdue" ON "asset" (expected_return_on, id) WHERE status = 'IN_USE' AND expected_return_on IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_asset_overdue"`);
        await queryRunner.query(`DROP INDEX "idx_asset_order_expires_on_desc"`);
        await queryRunner.query(`DROP INDEX "idx_contract_renewal_decision"`);
        await queryRunner.query(`DROP TRIGGER custody_event_no_truncate ON "custody_event"`);
        await queryRunner.query(`DROP TRIGGER custody_event_append_only ON "custody_event"`);
        await queryRunner.query(`DROP FUNCTION itam_refuse_change()`);
        await queryRunner.query(`ALTER TABLE "maintenance_record" DROP CONSTRAINT "fk_maintenance_vendor"`);
        await queryRunner.query(`ALTER TABLE "maintenance_record" DROP CONSTRAINT "fk_maintenance_asset"`);
        await queryRunner.query(`ALTER TABLE "custody_event" DROP CONSTRAINT "fk_custody_event_asset"`);
        await queryRunner.query(`ALTER TABLE "contract_asset" DROP CONSTRAINT "fk_contract_asset_asset"`);
        await queryRunner.query(`ALTER TABLE "contract_asset" DROP CONSTRAINT "fk_contract_asset_contract"`);
        await queryRunner.query(`ALTER TABLE "contract" DROP CONSTRAINT "fk_contract_vendor"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "chk_asset_custodian"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "chk_asset_custody_sequence"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_custodian"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "custody_sequence"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "expected_return_on"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "checked_out_at"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "custodian_id"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP COLUMN "custodian_type"`);
        await queryRunner.query(`DROP INDEX "public"."idx_maintenance_asset_order"`);
        await queryRunner.query(`DROP INDEX "public"."idx_maintenance_vendor"`);
        await queryRunner.query(`DROP INDEX "public"."idx_maintenance_status"`);
        await queryRunner.query(`DROP TABLE "maintenance_record"`);
        await queryRunner.query(`DROP INDEX "public"."idx_custody_event_occurred"`);
        await queryRunner.query(`DROP TABLE "custody_event"`);
        await queryRunner.query(`DROP INDEX "public"."idx_contract_asset_asset"`);
        await queryRunner.query(`DROP TABLE "contract_asset"`);
        await queryRunner.query(`DROP INDEX "public"."idx_contract_ends_on"`);
        await queryRunner.query(`DROP INDEX "public"."idx_contract_vendor"`);
        await queryRunner.query(`DROP INDEX "public"."idx_contract_type"`);
        await queryRunner.query(`DROP TABLE "contract"`);
    }

}
