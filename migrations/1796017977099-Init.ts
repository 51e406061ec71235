import { MigrationInterface, QueryRunner } from "typeorm";

/** Frozen copy of the data-bearing rule at the time of this migration (migrations never import live code). */
const DATA_BEARING_SQL = `kind IN ('NETWORK_DEVICE', 'VIRTUAL_MACHINE', 'DATA_ASSET') OR (kind = 'HARDWARE' AND data_bearing IS TRUE) OR (kind = 'CLOUD_RESOURCE' AND service_model IN ('IAAS', 'PAAS'))`;


export class Init1796017977099 implements MigrationInterface {
    name = 'Init1796017977099'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "department" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "code" character varying(50) NOT NULL, "cost_center" character varying(50), "parent_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "uq_department_code" UNIQUE ("code"), CONSTRAINT "chk_department_not_own_parent" CHECK (parent_id IS NULL OR parent_id <> id), CONSTRAINT "chk_department_name" CHECK (length(btrim(name)) > 0), CONSTRAINT "PK_9a2213262c1593bffb581e382f5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_department_parent" ON "department"  ("parent_id") `);
        await queryRunner.query(`CREATE TABLE "location" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "code" character varying(50), "kind" character varying(20) NOT NULL, "address" character varying(500), "parent_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "uq_location_code" UNIQUE ("code"), CONSTRAINT "chk_location_not_own_parent" CHECK (parent_id IS NULL OR parent_id <> id), CONSTRAINT "chk_location_name" CHECK (length(btrim(name)) > 0), CONSTRAINT "chk_location_kind" CHECK (kind IN ('SITE', 'BUILDING', 'FLOOR', 'ROOM', 'DATACENTER', 'WAREHOUSE', 'RACK', 'OTHER')), CONSTRAINT "PK_876d7bdba03c72251ec4c2dc827" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_location_parent" ON "location"  ("parent_id") `);
        await queryRunner.query(`CREATE TABLE "person" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "employee_id" character varying(50), "display_name" character varying(200) NOT NULL, "email" character varying(254), "department_id" uuid, "location_id" uuid, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "uq_person_employee_id" UNIQUE ("employee_id"), CONSTRAINT "chk_person_display_name" CHECK (length(btrim(display_name)) > 0), CONSTRAINT "PK_5fdaf670315c4b7e70cce85daa3" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_person_department" ON "person"  ("department_id") `);
        await queryRunner.query(`CREATE INDEX "idx_person_location" ON "person"  ("location_id") `);
        await queryRunner.query(`CREATE TABLE "vendor" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "roles" character varying array NOT NULL DEFAULT '{}', "certifications" character varying array NOT NULL DEFAULT '{}', "website" character varying(500), "contact_email" character varying(254), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "chk_vendor_name" CHECK (length(btrim(name)) > 0), CONSTRAINT "chk_vendor_certifications" CHECK (certifications <@ ARRAY['R2', 'E_STEWARDS', 'NAID_AAA', 'ISO_14001', 'ISO_27001', 'ISO_9001', 'ADISA', 'WEEELABEX']::varchar[]), CONSTRAINT "chk_vendor_roles" CHECK (roles <@ ARRAY['MANUFACTURER', 'SUPPLIER', 'SERVICE_PROVIDER', 'CLOUD_PROVIDER', 'RECYCLER']::varchar[]), CONSTRAINT "PK_931a23f6231a57604f5a0e32780" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "asset" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(20) NOT NULL, "asset_tag" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "description" text, "status" character varying(20) NOT NULL, "tags" character varying array NOT NULL DEFAULT '{}', "custom_fields" jsonb, "location_id" uuid, "department_id" uuid, "expires_on" date, "purchase_ordered_on" date, "purchase_received_on" date, "purchase_cost" numeric(14,2), "purchase_currency" character(3), "purchase_supplier_id" uuid, "purchase_order_number" character varying(100), "purchase_invoice_number" character varying(100), "warranty_ends_on" date, "warranty_provider_id" uuid, "depreciation_method" character varying(20), "depreciation_useful_life_months" integer, "depreciation_salvage_value" numeric(14,2), "depreciation_in_service_on" date, "manufacturer" character varying(200), "model" character varying(200), "serial_number" character varying(200), "hw_category" character varying(30), "data_bearing" boolean, "specs" jsonb, "publisher" character varying(200), "product" character varying(200), "software_version" character varying(100), "license_type" character varying(30), "license_metric" character varying(20), "seats_total" integer, "allow_overallocation" boolean, "license_key" text, "device_type" character varying(30), "firmware_version" character varying(100), "management_ip" inet, "mac_address" macaddr, "port_count" integer, "last_seen_at" TIMESTAMP WITH TIME ZONE, "cloud_provider" character varying(20), "service_model" character varying(10), "resource_type" character varying(100), "region" character varying(100), "account_id" character varying(200), "external_resource_id" character varying(500), "monthly_cost" numeric(14,2), "monthly_cost_currency" character(3), "host_id" uuid, "hypervisor" character varying(20), "vcpus" integer, "memory_mib" integer, "storage_gib" integer, "operating_system" character varying(200), "power_state" character varying(20), "ip_addresses" inet array, "last_backup_at" TIMESTAMP WITH TIME ZONE, "classification" character varying(20), "data_category" character varying(30), "contains_personal_data" boolean, "backup_policy" character varying(500), "data_owner_id" uuid, "common_name" character varying(255), "subject_alt_names" character varying array, "issuer" character varying(500), "not_before" TIMESTAMP WITH TIME ZONE, "not_after" TIMESTAMP WITH TIME ZONE, "fingerprint_sha256" character varying(95), "key_algorithm" character varying(50), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "uq_asset_tag" UNIQUE ("asset_tag"), CONSTRAINT "chk_asset_certificate" CHECK (kind <> 'CERTIFICATE' OR (common_name IS NOT NULL AND subject_alt_names IS NOT NULL AND not_after IS NOT NULL)), CONSTRAINT "chk_asset_data_asset" CHECK (kind <> 'DATA_ASSET' OR (classification IS NOT NULL AND data_category IS NOT NULL AND contains_personal_data IS NOT NULL)), CONSTRAINT "chk_asset_virtual_machine" CHECK (kind <> 'VIRTUAL_MACHINE' OR (hypervisor IS NOT NULL AND vcpus IS NOT NULL AND memory_mib IS NOT NULL AND power_state IS NOT NULL AND ip_addresses IS NOT NULL)), CONSTRAINT "chk_asset_cloud_resource" CHECK (kind <> 'CLOUD_RESOURCE' OR (cloud_provider IS NOT NULL AND service_model IS NOT NULL AND resource_type IS NOT NULL)), CONSTRAINT "chk_asset_network_device" CHECK (kind <> 'NETWORK_DEVICE' OR (device_type IS NOT NULL)), CONSTRAINT "chk_asset_software_license" CHECK (kind <> 'SOFTWARE_LICENSE' OR (product IS NOT NULL AND license_type IS NOT NULL AND license_metric IS NOT NULL AND seats_total IS NOT NULL AND allow_overallocation IS NOT NULL)), CONSTRAINT "chk_asset_hardware" CHECK (kind <> 'HARDWARE' OR (hw_category IS NOT NULL AND data_bearing IS NOT NULL)), CONSTRAINT "chk_asset_cert_validity" CHECK (not_before IS NULL OR not_after IS NULL OR not_before <= not_after), CONSTRAINT "chk_asset_data_category" CHECK (data_category IS NULL OR data_category IN ('DOCUMENTS', 'DATABASE', 'MULTIMEDIA', 'CUSTOMER_RECORDS', 'SOURCE_CODE', 'BACKUP', 'OTHER')), CONSTRAINT "chk_asset_classification" CHECK (classification IS NULL OR classification IN ('PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'RESTRICTED')), CONSTRAINT "chk_asset_vm_not_own_host" CHECK (host_id IS NULL OR host_id <> id), CONSTRAINT "chk_asset_vm_sizes" CHECK ((vcpus IS NULL OR vcpus > 0) AND (memory_mib IS NULL OR memory_mib > 0) AND (storage_gib IS NULL OR storage_gib >= 0)), CONSTRAINT "chk_asset_power_state" CHECK (power_state IS NULL OR power_state IN ('RUNNING', 'STOPPED', 'SUSPENDED')), CONSTRAINT "chk_asset_hypervisor" CHECK (hypervisor IS NULL OR hypervisor IN ('VMWARE_ESXI', 'HYPER_V', 'KVM', 'XEN', 'PROXMOX', 'CLOUD', 'OTHER')), CONSTRAINT "chk_asset_monthly_cost" CHECK ((monthly_cost IS NULL) = (monthly_cost_currency IS NULL) AND (monthly_cost IS NULL OR monthly_cost >= 0) AND (monthly_cost_currency IS NULL OR monthly_cost_currency ~ '^[A-Z]{3}$')), CONSTRAINT "chk_asset_service_model" CHECK (service_model IS NULL OR service_model IN ('IAAS', 'PAAS', 'SAAS')), CONSTRAINT "chk_asset_cloud_provider" CHECK (cloud_provider IS NULL OR cloud_provider IN ('AWS', 'AZURE', 'GCP', 'OCI', 'OTHER')), CONSTRAINT "chk_asset_port_count" CHECK (port_count IS NULL OR port_count >= 0), CONSTRAINT "chk_asset_device_type" CHECK (device_type IS NULL OR device_type IN ('ROUTER', 'SWITCH', 'FIREWALL', 'WIRELESS_ACCESS_POINT', 'LOAD_BALANCER', 'MODEM', 'OTHER')), CONSTRAINT "chk_asset_seats_total" CHECK (seats_total IS NULL OR seats_total >= 0), CONSTRAINT "chk_asset_license_metric" CHECK (license_metric IS NULL OR license_metric IN ('PER_USER', 'PER_DEVICE', 'PER_CORE', 'CONCURRENT', 'SITE')), CONSTRAINT "chk_asset_license_type" CHECK (license_type IS NULL OR license_type IN ('PERPETUAL', 'SUBSCRIPTION', 'OPEN_SOURCE', 'TRIAL', 'ENTERPRISE_AGREEMENT')), CONSTRAINT "chk_asset_hw_category" CHECK (hw_category IS NULL OR hw_category IN ('LAPTOP', 'DESKTOP', 'SERVER', 'PHONE', 'TABLET', 'MONITOR', 'DOCKING_STATION', 'PERIPHERAL', 'PRINTER', 'SCANNER', 'CONFERENCE_EQUIPMENT', 'EXTERNAL_STORAGE', 'SIM_CARD', 'STORAGE_SYSTEM', 'UPS', 'SECURITY_APPLIANCE', 'OTHER')), CONSTRAINT "chk_asset_salvage" CHECK (depreciation_salvage_value IS NULL OR depreciation_salvage_value >= 0), CONSTRAINT "chk_asset_useful_life" CHECK (depreciation_useful_life_months IS NULL OR depreciation_useful_life_months > 0), CONSTRAINT "chk_asset_depreciation_method" CHECK (depreciation_method IS NULL OR depreciation_method IN ('STRAIGHT_LINE', 'DECLINING_BALANCE')), CONSTRAINT "chk_asset_purchase_currency" CHECK ((purchase_cost IS NULL) = (purchase_currency IS NULL) AND (purchase_currency IS NULL OR purchase_currency ~ '^[A-Z]{3}$')), CONSTRAINT "chk_asset_purchase_cost" CHECK (purchase_cost IS NULL OR purchase_cost >= 0), CONSTRAINT "chk_asset_tag" CHECK (length(btrim(asset_tag)) > 0), CONSTRAINT "chk_asset_name" CHECK (length(btrim(name)) > 0), CONSTRAINT "chk_asset_status" CHECK (status IN ('ORDERED', 'IN_STOCK', 'IN_USE', 'IN_MAINTENANCE', 'RETIRED', 'DISPOSED', 'LOST')), CONSTRAINT "chk_asset_kind" CHECK (kind IN ('HARDWARE', 'SOFTWARE_LICENSE', 'NETWORK_DEVICE', 'CLOUD_RESOURCE', 'VIRTUAL_MACHINE', 'DATA_ASSET', 'CERTIFICATE')), CONSTRAINT "PK_1209d107fe21482beaea51b745e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_asset_kind" ON "asset"  ("kind") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_status" ON "asset"  ("status") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_tags" ON "asset" USING gin ("tags") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_location" ON "asset"  ("location_id") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_department" ON "asset"  ("department_id") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_supplier" ON "asset"  ("purchase_supplier_id") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_warranty_ends_on" ON "asset"  ("warranty_ends_on") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_warranty_provider" ON "asset"  ("warranty_provider_id") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_host" ON "asset"  ("host_id") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_data_owner" ON "asset"  ("data_owner_id") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_order_updated" ON "asset"  ("updated_at", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_order_created" ON "asset"  ("created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_order_name" ON "asset"  ("name", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_asset_order_tag" ON "asset"  ("asset_tag", "id") `);
        await queryRunner.query(`CREATE TABLE "asset_external_ref" ("source" character varying(100) NOT NULL, "external_id" character varying(200) NOT NULL, "asset_id" uuid NOT NULL, CONSTRAINT "chk_external_ref_values" CHECK (length(btrim(source)) > 0 AND length(btrim(external_id)) > 0), CONSTRAINT "pk_asset_external_ref" PRIMARY KEY ("source", "external_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_external_ref_asset" ON "asset_external_ref"  ("asset_id") `);
        await queryRunner.query(`CREATE TABLE "asset_relation" ("asset_id" uuid NOT NULL, "relation" character varying(20) NOT NULL, "related_asset_id" uuid NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "chk_asset_relation_not_self" CHECK (asset_id <> related_asset_id), CONSTRAINT "chk_asset_relation_kind" CHECK (relation IN ('STORED_ON', 'INSTALLED_ON')), CONSTRAINT "PK_0b83035809e2da474cf5bf7a297" PRIMARY KEY ("asset_id", "relation", "related_asset_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_asset_relation_related" ON "asset_relation"  ("related_asset_id") `);
        await queryRunner.query(`ALTER TABLE "department" ADD CONSTRAINT "fk_department_parent" FOREIGN KEY ("parent_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "location" ADD CONSTRAINT "fk_location_parent" FOREIGN KEY ("parent_id") REFERENCES "location"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "person" ADD CONSTRAINT "fk_person_department" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "person" ADD CONSTRAINT "fk_person_location" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "asset" ADD CONSTRAINT "fk_asset_location" FOREIGN KEY ("location_id") REFERENCES "location"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "asset" ADD CONSTRAINT "fk_asset_department" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "asset" ADD CONSTRAINT "fk_asset_supplier" FOREIGN KEY ("purchase_supplier_id") REFERENCES "vendor"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "asset" ADD CONSTRAINT "fk_asset_warranty_provider" FOREIGN KEY ("warranty_provider_id") REFERENCES "vendor"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "asset" ADD CONSTRAINT "fk_asset_host" FOREIGN KEY ("host_id") REFERENCES "asset"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "asset" ADD CONSTRAINT "fk_asset_data_owner" FOREIGN KEY ("data_owner_id") REFERENCES "person"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "asset_external_ref" ADD CONSTRAINT "fk_external_ref_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "asset_relation" ADD CONSTRAINT "fk_asset_relation_asset" FOREIGN KEY ("asset_id") REFERENCES "asset"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "asset_relation" ADD CONSTRAINT "fk_asset_relation_related" FOREIGN KEY ("related_asset_id") REFERENCES "asset"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);

        // ---- Written by hand (TypeORM cannot express these; the entities mark them synchronize: false) ----
        // Generated asset tags: one sequence per kind, so HW-000001 and SW-000001 count separately.
        for (const prefix of ['hw', 'sw', 'net', 'cld', 'vm', 'data', 'cert']) {
            await queryRunner.query(`CREATE SEQUENCE "asset_tag_seq_${prefix}" AS bigint START 1`);
        }
        // Case-insensitive uniqueness.
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_vendor_name_ci" ON "vendor" (lower(name))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_person_email_ci" ON "person" (lower(email)) WHERE email IS NOT NULL`);
        // Keyset order by EXPIRES_ON puts assets without an end last: the key is coalesced to infinity.
        await queryRunner.query(`CREATE INDEX "idx_asset_order_expires_on" ON "asset" ((COALESCE(expires_on, 'infinity'::date)), id)`);
        // search: case-insensitive prefix match on tag, name and serial number (text_pattern_ops serves LIKE 'x%').
        await queryRunner.query(`CREATE INDEX "idx_asset_search_tag" ON "asset" (lower(asset_tag) text_pattern_ops)`);
        await queryRunner.query(`CREATE INDEX "idx_asset_search_name" ON "asset" (lower(name) text_pattern_ops)`);
        await queryRunner.query(`CREATE INDEX "idx_asset_search_serial" ON "asset" (lower(serial_number) text_pattern_ops) WHERE serial_number IS NOT NULL`);
        // dataBearing filter: the contract's definition of a data-bearing asset, as an indexed expression.
        await queryRunner.query(`CREATE INDEX "idx_asset_data_bearing" ON "asset" ((${DATA_BEARING_SQL}))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_asset_data_bearing"`);
        await queryRunner.query(`DROP INDEX "idx_asset_search_serial"`);
        await queryRunner.query(`DROP INDEX "idx_asset_search_name"`);
        await queryRunner.query(`DROP INDEX "idx_asset_search_tag"`);
        await queryRunner.query(`DROP INDEX "idx_asset_order_expires_on"`);
        await queryRunner.query(`DROP INDEX "uq_person_email_ci"`);
        await queryRunner.query(`DROP INDEX "uq_vendor_name_ci"`);
        for (const prefix of ['hw', 'sw', 'net', 'cld', 'vm', 'data', 'cert']) {
            await queryRunner.query(`DROP SEQUENCE "asset_tag_seq_${prefix}"`);
        }
        await queryRunner.query(`ALTER TABLE "asset_relation" DROP CONSTRAINT "fk_asset_relation_related"`);
        await queryRunner.query(`ALTER TABLE "asset_relation" DROP CONSTRAINT "fk_asset_relation_asset"`);
        await queryRunner.query(`ALTER TABLE "asset_external_ref" DROP CONSTRAINT "fk_external_ref_asset"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "fk_asset_data_owner"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "fk_asset_host"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "fk_asset_warranty_provider"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "fk_asset_supplier"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "fk_asset_department"`);
        await queryRunner.query(`ALTER TABLE "asset" DROP CONSTRAINT "fk_asset_location"`);
        await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "fk_person_location"`);
        await queryRunner.query(`ALTER TABLE "person" DROP CONSTRAINT "fk_person_department"`);
        await queryRunner.query(`ALTER TABLE "location" DROP CONSTRAINT "fk_location_parent"`);
        await queryRunner.query(`ALTER TABLE "department" DROP CONSTRAINT "fk_department_parent"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_relation_related"`);
        await queryRunner.query(`DROP TABLE "asset_relation"`);
        await queryRunner.query(`DROP INDEX "public"."idx_external_ref_asset"`);
        await queryRunner.query(`DROP TABLE "asset_external_ref"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_order_tag"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_order_name"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_order_created"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_order_updated"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_data_owner"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_host"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_warranty_provider"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_warranty_ends_on"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_supplier"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_department"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_location"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_tags"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_status"`);
        await queryRunner.query(`DROP INDEX "public"."idx_asset_kind"`);
        await queryRunner.query(`DROP TABLE "asset"`);
        await queryRunner.query(`DROP TABLE "vendor"`);
        await queryRunner.query(`DROP INDEX "public"."idx_person_location"`);
        await queryRunner.query(`DROP INDEX "public"."idx_person_department"`);
        await queryRunner.query(`DROP TABLE "person"`);
        await queryRunner.query(`DROP INDEX "public"."idx_location_parent"`);
        await queryRunner.query(`DROP TABLE "location"`);
        await queryRunner.query(`DROP INDEX "public"."idx_department_parent"`);
        await queryRunner.query(`DROP TABLE "department"`);
    }

}
