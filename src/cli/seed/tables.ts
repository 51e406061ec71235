/**
 * The tables the generator fills, their columns and types, and row buffers that
 * hold each row already encoded for COPY FROM STDIN (text format): one string per
 * few thousand rows instead of an object per row, which keeps a million custody
 * events cheap to hold and to send.
 */

/** Column types, which decide how a value is written. */
export type ColumnType =
  | 'uuid' | 'text' | 'int' | 'bool' | 'date' | 'timestamptz' | 'numeric' | 'inet' | 'macaddr'
  | 'jsonb' | 'varchar[]' | 'inet[]';

export type TableName =
  | 'department' | 'location' | 'vendor' | 'person' | 'asset' | 'asset_external_ref' | 'asset_relation'
  | 'contract' | 'contract_asset' | 'custody_event' | 'maintenance_record' | 'license_seat' | 'physical_audit' | 'disposal';

const cols = (spec: string): Array<[string, ColumnType]> =>
  spec.trim().split(/\s*,\s*/).map((c) => {
    const [name, type] = c.split(/\s+/);
    return [name, (type ?? 'text') as ColumnType];
  });

const STAMPS = 'created_at timestamptz, updated_at timestamptz, version int';

/** Insert order: a table comes after the ones it references. */
export const TABLES: Record<TableName, Array<[string, ColumnType]>> = {
  department: cols(`id uuid, name, code, cost_center, parent_id uuid, ${STAMPS}`),
  location: cols(`id uuid, name, code, kind, address, parent_id uuid, ${STAMPS}`),
  vendor: cols(`id uuid, name, roles varchar[], certifications varchar[], website, contact_email, ${STAMPS}`),
  person: cols(`id uuid, employee_id, display_name, email, department_id uuid, location_id uuid, active bool, ${STAMPS}`),
  asset: cols(`id uuid, kind, asset_tag, name, description, status, tags varchar[], custom_fields jsonb, location_id uuid, department_id uuid,
    expires_on date, purchase_ordered_on date, purchase_received_on date, purchase_cost numeric, purchase_currency, purchase_supplier_id uuid,
    purchase_order_number, purchase_invoice_number, warranty_ends_on date, warranty_provider_id uuid, depreciation_method,
    depreciation_useful_life_months int, depreciation_salvage_value numeric, depreciation_in_service_on date,
    manufacturer, model, serial_number, hw_category, data_bearing bool, specs jsonb,
    publisher, product, software_version, license_type, license_metric, seats_total int, allow_overallocation bool, license_key,
    device_type, firmware_version, management_ip inet, mac_address macaddr, port_count int, last_seen_at timestamptz,
    cloud_provider, service_model, resource_type, region, account_id, external_resource_id, monthly_cost numeric, monthly_cost_currency,
    host_id uuid, hypervisor, vcpus int, memory_mib int, storage_gib int, operating_system, power_state, ip_addresses inet[], last_backup_at timestamptz,
    classification, data_category, contains_personal_data bool, backup_policy, data_owner_id uuid,
    common_name, subject_alt_names varchar[], issuer, not_before timestamptz, not_after timestamptz, fingerprint_sha256, key_algorithm,
    custodian_type, custodian_id uuid, checked_out_at timestamptz, expected_return_on date, custody_sequence int, last_audited_at timestamptz,
    ${STAMPS}`),
  asset_external_ref: cols('source, external_id, asset_id uuid'),
  asset_relation: cols('asset_id uuid, relation, related_asset_id uuid, position int'),
  contract: cols(`id uuid, contract_number, title, type, vendor_id uuid, starts_on date, ends_on date, renews_on date, auto_renew bool,
    notice_period_days int, cost numeric, cost_currency, sla_terms, ${STAMPS}`),
  contract_asset: cols('contract_id uuid, asset_id uuid, linked_at timestamptz'),
  custody_event: cols(`id uuid, asset_id uuid, sequence int, type, from_type, from_id uuid, to_type, to_id uuid, holder_type, holder_id uuid,
    occurred_at timestamptz, recorded_at timestamptz, expected_return_on date, note, actor, hash, previous_hash`),
  maintenance_record: cols(`id uuid, asset_id uuid, type, status, scheduled_on date, started_at timestamptz, completed_at timestamptz,
    cost numeric, cost_currency, vendor_id uuid, covered_by_warranty bool, description, return_status, ${STAMPS}`),
  license_seat: cols(`id uuid, license_id uuid, assignee_type, person_id uuid, asset_id uuid, quantity int, assigned_at timestamptz, assigned_by,
    note, released_at timestamptz, released_by, release_reason`),
  physical_audit: cols(`id uuid, asset_id uuid, audited_at timestamptz, found_location_id uuid, expected_location_id uuid, discrepancy bool,
    note, actor, custody_sequence int`),
  disposal: cols(`asset_id uuid, method, disposed_on date, vendor_id uuid, vendor_certifications varchar[], sanitization_method,
    sanitization_technique, sanitization_performed_at timestamptz, sanitization_performed_by, sanitization_verified_by,
    sanitization_certificate_number, recovered_value numeric, recovered_currency, certificate_of_disposal_number, note,
    recorded_at timestamptz, recorded_by`),
};

export const TABLE_ORDER = Object.keys(TABLES) as TableName[];

export type Row = Record<string, unknown>;

/** COPY text format escapes backslash, tab, newline and carriage return. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const copyText = (s: string): string => (COPY_SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : s);

/** An array literal ({"a","b"}) of text elements. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
}

/** One value as a COPY text field. */
function copyField(v: unknown, type: ColumnType): string {
  if (v === null || v === undefined) return '\\N';
  switch (type) {
    case 'bool':
      return v ? 't' : 'f';
    case 'int':
      return String(v);
    case 'jsonb':
      return copyText(typeof v === 'string' ? v : JSON.stringify(v));
    case 'varchar[]':
    case 'inet[]':
      return copyText(arrayLiteral(v as unknown[]));
    default:
      return copyText(String(v));
  }
}

/** Rows per joined chunk. */
const CHUNK_ROWS = 4000;

/** One table's rows, encoded as COPY text as they are added. */
export class TableBuffer {
  readonly columns: Array<[string, ColumnType]>;
  /** Encoded rows: each chunk is many lines, each line one row ending in a newline. */
  readonly chunks: string[] = [];
  private pending: string[] = [];
  private readonly known: Set<string>;
  length = 0;
  /** When set, finished chunks go here (a COPY in progress) instead of being kept. */
  sink: ((chunk: string) => void) | null = null;

  constructor(readonly name: TableName) {
    this.columns = TABLES[name];
    this.known = new Set(this.columns.map(([c]) => c));
  }

  /** Appends a row; columns it does not name are NULL, a column the table does not have is a bug. */
  add(row: Row): void {
    // Checking the first rows is enough: the same code writes all of them.
    if (this.length < 50) {
      for (const k in row) if (!this.known.has(k)) throw new Error(`${this.name} has no column ${k}`);
    }
    const fields = new Array<string>(this.columns.length);
    for (let i = 0; i < this.columns.length; i++) {
      const [name, type] = this.columns[i];
      fields[i] = copyField(row[name], type);
    }
    this.pending.push(fields.join('\t'));
    this.length++;
    if (this.pending.length >= CHUNK_ROWS) this.flush();
  }

  /** Appends a row given as its values in column order (the hot path: no object per row). */
  addValues(values: readonly unknown[]): void {
    const fields = new Array<string>(this.columns.length);
    for (let i = 0; i < this.columns.length; i++) fields[i] = copyField(values[i], this.columns[i][1]);
    this.pending.push(fields.join('\t'));
    this.length++;
    if (this.pending.length >= CHUNK_ROWS) this.flush();
  }

  /** Joins the rows added since the last call into a chunk. */
  flush(): void {
    if (this.pending.length) {
      const chunk = this.pending.join('\n') + '\n';
      this.pending = [];
      if (this.sink) this.sink(chunk);
      else this.chunks.push(chunk);
    }
  }
}

export type Dataset = Record<TableName, TableBuffer>;

export function emptyDataset(): Dataset {
  return Object.fromEntries(TABLE_ORDER.map((t) => [t, new TableBuffer(t)])) as Dataset;
}
