import { MigrationInterface, QueryRunner } from "typeorm";

export class ChangeFeedIdempotency1796022900877 implements MigrationInterface {
    name = 'ChangeFeedIdempotency1796022900877'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "idempotency_key" ("subject" character varying(200) NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "status_code" integer, "response_body" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "completed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "pk_idempotency_key" PRIMARY KEY ("subject", "key"))`);
        await queryRunner.query(`CREATE INDEX "idx_idempotency_key_created" ON "idempotency_key"  ("created_at") `);
        await queryRunner.query(`ALTER TABLE "audit_entry" ADD "txid" bigint NOT NULL DEFAULT txid_current()`);
        await queryRunner.query(`CREATE INDEX "idx_audit_entry_feed" ON "audit_entry"  ("txid", "seq") WHERE asset_id IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."idx_audit_entry_feed"`);
        await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "txid"`);
        await queryRunner.query(`DROP INDEX "public"."idx_idempotency_key_created"`);
        await queryRunner.query(`DROP TABLE "idempotency_key"`);
    }

}
