import { keysetPage, pageRequest, type ConnectionArgs, type ConnectionResult, type KeysetOrder, type PageRequest } from '../../common/connection';
import { CURRENCY_RE } from '../../common/money';
import { fromGlobalId } from '../../common/global-id';
import { lockForUpdate, mapDbError } from '../../common/persistence';
import { fail, userError, UserErrorCode, UserErrorsException, type UserError } from '../../common/user-errors';
import { assertValid, requireKey, resolveRefs, type RefCheck } from '../../common/validation';
import type { Context } from '../../context';
import { selectList } from '../../database/columns';
import type { Queryable, Tx } from '../../database/db';
import { AssetEntity } from './asset.entity';
import { AssetKind, AssetRelationKind, AssetStatus, HardwareCategory, KIND_TYPENAME, PowerState, TAG_PREFIX, tagSequence } from './asset.enums';
import { assetFilterSql, assetOrder, type AssetFilter, type AssetOrder } from './asset.filter';
import type { CreateAssetInput, UpdateAssetInput } from './asset.inputs';
import type { AssetRow } from './asset.types';
import { planStatusChange } from '../custody/custody.service';
import { assertNotDisposed } from './lifecycle';
import { assertSeatTermsHold } from '../licenses/seat-rules';

export const ASSET_COLUMNS = selectList(AssetEntity, 'a');
const ALL_ASSET_TYPES = Object.values(KIND_TYPENAME);
const KIND_BY_TYPENAME = Object.fromEntries(Object.entries(KIND_TYPENAME).map(([k, t]) => [t, k])) as Record<string, AssetKind>;

const CONSTRAINT_FIELDS: Record<string, string[]> = {
  uq_asset_tag: ['input', 'assetTag'],
  pk_asset_external_ref: ['input', 'externalRefs'],
  fk_asset_location: ['input', 'locationId'],
  fk_asset_department: ['input', 'departmentId'],
  fk_asset_supplier: ['input', 'purchase', 'supplierId'],
  fk_asset_warranty_provider: ['input', 'warranty', 'providerId'],
  fk_asset_host: ['input', 'hostId'],
  fk_asset_data_owner: ['input', 'dataOwnerId'],
  chk_asset_cert_validity: ['input', 'notBefore'],
};

/** Equipment that stores data unless told otherwise. */
const DATA_BEARING_CATEGORIES = new Set<string>([
  HardwareCategory.LAPTOP, HardwareCategory.DESKTOP, HardwareCategory.SERVER, HardwareCategory.PHONE, HardwareCategory.TABLET,
  HardwareCategory.EXTERNAL_STORAGE, HardwareCategory.STORAGE_SYSTEM, HardwareCategory.PRINTER, HardwareCategory.SCANNER,
  HardwareCategory.SIM_CARD, HardwareCategory.SECURITY_APPLIANCE,
]);

/** Input fields that map to NOT NULL columns of a kind: on update they may change but not be cleared. */
const NOT_CLEARABLE: Record<AssetKind, string[]> = {
  HARDWARE: ['category', 'dataBearing'],
  SOFTWARE_LICENSE: ['product', 'licenseType', 'metric', 'seatsTotal', 'allowOverallocation'],
  NETWORK_DEVICE: ['deviceType'],
  CLOUD_RESOURCE: ['provider', 'serviceModel', 'resourceType'],
  VIRTUAL_MACHINE: ['hypervisor', 'vcpus', 'memoryMib', 'powerState', 'ipAddresses'],
  DATA_ASSET: ['classification', 'dataCategory', 'containsPersonalData'],
  CERTIFICATE: ['commonName', 'subjectAltNames', 'notAfter'],
};
const COMMON_NOT_CLEARABLE = ['name', 'assetTag', 'status', 'tags'];

/** Plain input field → column, per kind (fields needing more than a copy are handled below). */
const KIND_COLUMNS: Record<AssetKind, Record<string, string>> = {
  HARDWARE: { category: 'hw_category', manufacturer: 'manufacturer', model: 'model', serialNumber: 'serial_number', dataBearing: 'data_bearing', specs: 'specs' },
  SOFTWARE_LICENSE: {
    publisher: 'publisher', product: 'product', softwareVersion: 'software_version', licenseType: 'license_type', metric: 'license_metric',
    seatsTotal: 'seats_total', allowOverallocation: 'allow_overallocation', licenseKey: 'license_key',
  },
  NETWORK_DEVICE: {
    deviceType: 'device_type', manufacturer: 'manufacturer', model: 'model', serialNumber: 'serial_number', firmwareVersion: 'firmware_version',
    managementIp: 'management_ip', macAddress: 'mac_address', portCount: 'port_count', lastSeenAt: 'last_seen_at',
  },
  CLOUD_RESOURCE: { provider: 'cloud_provider', serviceModel: 'service_model', resourceType: 'resource_type', region: 'region', accountId: 'account_id', externalResourceId: 'external_resource_id' },
  VIRTUAL_MACHINE: {
    hypervisor: 'hypervisor', vcpus: 'vcpus', memoryMib: 'memory_mib', storageGib: 'storage_gib', operatingSystem: 'operating_system',
    powerState: 'power_state', ipAddresses: 'ip_addresses', lastBackupAt: 'last_backup_at',
  },
  DATA_ASSET: { classification: 'classification', dataCategory: 'data_category', containsPersonalData: 'contains_personal_data', backupPolicy: 'backup_policy' },
  CERTIFICATE: {
    commonName: 'common_name', subjectAltNames: 'subject_alt_names', issuer: 'issuer', serialNumber: 'serial_number', notBefore: 'not_before',
    notAfter: 'not_after', fingerprintSha256: 'fingerprint_sha256', keyAlgorithm: 'key_algorithm',
  },
};

/** Input fields kept byte for byte (not trimmed). */
const VERBATIM = new Set(['licenseKey']);
const trimOrNull = (v: unknown): unknown => (typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v);

// ---------------------------------------------------------------- reads

export async function getAsset(ctx: Context, args: { id?: string | null; assetTag?: string | null }): Promise<AssetRow | null> {
  if (args.id != null) {
    const d = fromGlobalId(args.id);
    if (!d || !ALL_ASSET_TYPES.includes(d.type)) return null;
    const row = await ctx.loaders.assetById.load(d.key);
    return row && KIND_TYPENAME[row.kind] === d.type ? row : null;
  }
  if (args.assetTag != null) {
    // No tag holds NUL (PostgreSQL text cannot), so no asset has it; asking SQL would be an error.
    if (args.assetTag.includes('\u0000')) return null;
    const rows = await ctx.db.query<AssetRow>(`SELECT ${ASSET_COLUMNS} FROM asset a WHERE a.asset_tag = $1`, [args.assetTag.trim()]);
    if (rows[0]) ctx.loaders.assetById.prime(rows[0].id, rows[0]);
    return rows[0] ?? null;
  }
  return null;
}

export async function listAssets(
  ctx: Context,
  filter: AssetFilter | null | undefined,
  orderBy: AssetOrder | null | undefined,
  args: ConnectionArgs,
  columns: string | null = null,
): Promise<ConnectionResult<AssetRow>> {
  const order = assetOrder(orderBy);
  const page = pageRequest(args, order.name);
  const params: unknown[] = [];
  const where = assetFilterSql(filter, params);
  return assetPage(ctx, where, params, order, page, columns);
}

/**
 * One keyset page of assets under SQL conditions on `asset a` (with its count, run only when
 * totalCount is selected). Every asset list uses it. `columns` (from assetSelectFor) reads only
 * what the query selects; with every column, the rows also prime the request's assetById loader.
 */
export async function assetPage(
  ctx: Context, where: string[], params: unknown[], order: KeysetOrder, page: PageRequest, columns: string | null = null,
): Promise<ConnectionResult<AssetRow>> {
  const result = await keysetPage<AssetRow>(ctx.db, {
    select: `SELECT ${columns ?? ASSET_COLUMNS} FROM asset a`,
    where,
    params,
    order,
    idExpr: 'a.id',
    count: async () =>
      (await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM asset a${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, params))[0].n,
  }, page);
  // Partial rows never reach the loader: a later load of the same asset must see every column.
  if (columns === null) for (const row of result.nodes) ctx.loaders.assetById.prime(row.id, row);
  return result;
}

// ---------------------------------------------------------------- writes

/** Reads the next free generated tag of a kind (skipping numbers someone typed in by hand). */
async function nextTag(tx: Queryable, kind: AssetKind): Promise<string> {
  for (let i = 0; i < 1000; i++) {
    const [row] = await tx.query<{ tag: string; taken: boolean }>(
      `SELECT s.tag, EXISTS (SELECT 1 FROM asset WHERE asset_tag = s.tag) AS taken
         FROM (SELECT $1 || '-' || lpad(nextval('${tagSequence(kind)}')::text, 6, '0') AS tag) s`,
      [TAG_PREFIX[kind]],
    );
    if (!row.taken) return row.tag;
  }
  throw new Error(`no free ${kind} tag after 1000 tries`);
}

interface Existing {
  row: AssetRow | null;
}

/** Checks that hold between fields (and against the stored row on updates). */
export function crossFieldErrors(kind: AssetKind, input: Partial<CreateAssetInput>, existing: Existing): UserError[] {
  const errors: UserError[] = [];
  const row = existing.row;
  const orderedOn = input.purchase?.orderedOn !== undefined ? input.purchase.orderedOn : row?.purchaseOrderedOn;
  const receivedOn = input.purchase?.receivedOn !== undefined ? input.purchase.receivedOn : row?.purchaseReceivedOn;
  if (input.purchase !== null && orderedOn && receivedOn && receivedOn < orderedOn) {
    errors.push(userError(['input', 'purchase', 'receivedOn'], UserErrorCode.INVALID, 'receivedOn cannot be before orderedOn'));
  }
  const cost = input.purchase === null ? null : input.purchase?.cost !== undefined ? input.purchase.cost?.amount ?? null : row?.purchaseCost ?? null;
  const salvage = input.depreciation === null ? null : input.depreciation?.salvageValue ?? (input.depreciation ? '0' : row?.depreciationSalvageValue ?? null);
  // The currency validator takes "eur" too, but a stored currency is upper case (and the database refuses anything else).
  if (input.purchase?.cost?.currency != null && !CURRENCY_RE.test(input.purchase.cost.currency)) {
    errors.push(userError(['input', 'purchase', 'cost', 'currency'], UserErrorCode.INVALID, 'currency must be an ISO 4217 code in capitals, such as EUR'));
  }
  if (input.monthlyCost?.currency != null && !CURRENCY_RE.test(input.monthlyCost.currency)) {
    errors.push(userError(['input', 'monthlyCost', 'currency'], UserErrorCode.INVALID, 'currency must be an ISO 4217 code in capitals, such as EUR'));
  }
  if (cost != null && salvage != null && Number(salvage) > Number(cost)) {
    errors.push(userError(['input', 'depreciation', 'salvageValue'], UserErrorCode.INVALID, 'salvageValue cannot exceed the purchase cost'));
  }
  if (kind === AssetKind.CERTIFICATE) {
    const notAfter = input.notAfter !== undefined ? input.notAfter : row?.notAfter;
    const notBefore = input.notBefore !== undefined ? input.notBefore : row?.notBefore;
    if (notAfter && notBefore && notBefore.getTime() > notAfter.getTime()) {
      errors.push(userError(['input', 'notBefore'], UserErrorCode.INVALID, 'notBefore cannot be after notAfter'));
    }
    if (input.expiresOn != null && notAfter && input.expiresOn !== notAfter.toISOString().slice(0, 10)) {
      errors.push(userError(['input', 'expiresOn'], UserErrorCode.INVALID, 'A certificate\'s expiresOn is the date of its notAfter; set notAfter instead'));
    }
  }
  // Both given (a date and null count too): they must agree, or one would silently win.
  if (kind === AssetKind.DATA_ASSET && input.retentionUntil !== undefined && input.expiresOn !== undefined && input.retentionUntil !== input.expiresOn) {
    errors.push(userError(['input', 'retentionUntil'], UserErrorCode.INVALID, 'retentionUntil and expiresOn are the same date for a data asset; give one'));
  }
  return errors;
}

export function refChecks(kind: AssetKind, input: Partial<CreateAssetInput>): { checks: RefCheck[]; names: string[] } {
  const checks: RefCheck[] = [];
  const names: string[] = [];
  const add = (name: string, c: RefCheck) => {
    names.push(name);
    checks.push(c);
  };
  add('location', { id: input.locationId, types: ['Location'], table: 'location', field: ['input', 'locationId'] });
  add('department', { id: input.departmentId, types: ['Department'], table: 'department', field: ['input', 'departmentId'] });
  add('supplier', { id: input.purchase?.supplierId, types: ['Vendor'], table: 'vendor', field: ['input', 'purchase', 'supplierId'] });
  add('warrantyProvider', { id: input.warranty?.providerId, types: ['Vendor'], table: 'vendor', field: ['input', 'warranty', 'providerId'] });
  const assetRef = (id: string | null | undefined, types: string[], field: string[]): RefCheck => {
    const t = id ? fromGlobalId(id)?.type : undefined;
    // A DISPOSED asset is gone: nothing new can run on it, be stored on it or be installed on it.
    return { id, types, table: 'asset', field, where: `status <> 'DISPOSED'${t && KIND_BY_TYPENAME[t] ? ` AND kind = '${KIND_BY_TYPENAME[t]}'` : ''}` };
  };
  if (kind === AssetKind.VIRTUAL_MACHINE) add('host', assetRef(input.hostId, ['Hardware', 'CloudResource'], ['input', 'hostId']));
  if (kind === AssetKind.DATA_ASSET) {
    add('dataOwner', { id: input.dataOwnerId, types: ['Person'], table: 'person', field: ['input', 'dataOwnerId'] });
    (input.storedOnIds ?? []).forEach((id, i) => add(`storedOn.${i}`, assetRef(id, ALL_ASSET_TYPES, ['input', 'storedOnIds', String(i)])));
  }
  if (kind === AssetKind.CERTIFICATE) {
    (input.installedOnIds ?? []).forEach((id, i) => add(`installedOn.${i}`, assetRef(id, ALL_ASSET_TYPES, ['input', 'installedOnIds', String(i)])));
  }
  return { checks, names };
}

/** The column values an input sets (only the fields it gives), with defaults on create. */
export function columnValues(kind: AssetKind, input: Partial<CreateAssetInput>, refs: Record<string, string | null>, create: boolean): Record<string, unknown> {
  const cols: Record<string, unknown> = {};
  const put = (col: string, value: unknown) => {
    if (value !== undefined) cols[col] = value;
  };
  put('name', input.name != null ? input.name.trim() : undefined);
  put('description', trimOrNull(input.description));
  put('tags', input.tags != null ? [...new Set(input.tags.map((t) => t.trim()))] : create ? [] : undefined);
  put('custom_fields', input.customFields);
  if (input.locationId !== undefined) put('location_id', refs.location);
  if (input.departmentId !== undefined) put('department_id', refs.department);
  if (kind !== AssetKind.CERTIFICATE) put('expires_on', kind === AssetKind.DATA_ASSET ? (input.retentionUntil !== undefined ? input.retentionUntil : input.expiresOn) : input.expiresOn);
  if (input.purchase === null) {
    for (const c of ['ordered_on', 'received_on', 'cost', 'currency', 'supplier_id', 'order_number', 'invoice_number']) put(`purchase_${c}`, null);
  } else if (input.purchase) {
    const p = input.purchase;
    put('purchase_ordered_on', p.orderedOn);
    put('purchase_received_on', p.receivedOn);
    if (p.cost !== undefined) {
      put('purchase_cost', p.cost?.amount ?? null);
      put('purchase_currency', p.cost?.currency ?? null);
    }
    if (p.supplierId !== undefined) put('purchase_supplier_id', refs.supplier);
    put('purchase_order_number', trimOrNull(p.orderNumber));
    put('purchase_invoice_number', trimOrNull(p.invoiceNumber));
  }
  if (input.warranty === null) {
    put('warranty_ends_on', null);
    put('warranty_provider_id', null);
  } else if (input.warranty) {
    put('warranty_ends_on', input.warranty.endsOn);
    if (input.warranty.providerId !== undefined) put('warranty_provider_id', refs.warrantyProvider);
  }
  if (input.depreciation === null) {
    for (const c of ['method', 'useful_life_months', 'salvage_value', 'in_service_on']) put(`depreciation_${c}`, null);
  } else if (input.depreciation) {
    const d = input.depreciation;
    put('depreciation_method', d.method);
    put('depreciation_useful_life_months', d.usefulLifeMonths);
    put('depreciation_salvage_value', d.salvageValue ?? '0');
    put('depreciation_in_service_on', d.inServiceOn !== undefined ? d.inServiceOn : input.purchase?.receivedOn ?? undefined);
  }
  const inputRecord = input as Record<string, unknown>;
  for (const [field, col] of Object.entries(KIND_COLUMNS[kind])) {
    // A licence key is stored exactly as given (keys can carry meaningful spaces); only an empty one means none.
    const v = inputRecord[field];
    put(col, VERBATIM.has(field) ? (v === '' ? null : v) : trimOrNull(v));
  }
  switch (kind) {
    case AssetKind.HARDWARE:
      if (create && input.dataBearing == null) put('data_bearing', DATA_BEARING_CATEGORIES.has(input.category as string));
      break;
    case AssetKind.SOFTWARE_LICENSE:
      if (create && input.allowOverallocation == null) put('allow_overallocation', false);
      break;
    case AssetKind.NETWORK_DEVICE:
      if (typeof input.macAddress === 'string') put('mac_address', input.macAddress.toLowerCase().replace(/-/g, ':'));
      break;
    case AssetKind.CLOUD_RESOURCE:
      if (input.monthlyCost !== undefined) {
        put('monthly_cost', input.monthlyCost?.amount ?? null);
        put('monthly_cost_currency', input.monthlyCost?.currency ?? null);
      }
      break;
    case AssetKind.VIRTUAL_MACHINE:
      if (input.hostId !== undefined) put('host_id', refs.host);
      if (create && input.powerState == null) put('power_state', PowerState.RUNNING);
      if (create && input.ipAddresses == null) put('ip_addresses', []);
      break;
    case AssetKind.DATA_ASSET:
      if (input.dataOwnerId !== undefined) put('data_owner_id', refs.dataOwner);
      if (create && input.containsPersonalData == null) put('contains_personal_data', false);
      break;
    case AssetKind.CERTIFICATE:
      if (create && input.subjectAltNames == null) put('subject_alt_names', []);
      if (input.notAfter) put('expires_on', input.notAfter.toISOString().slice(0, 10));
      break;
  }
  return cols;
}

async function writeLinks(tx: Tx, assetId: string, kind: AssetKind, input: Partial<CreateAssetInput>, refs: Record<string, string | null>, create: boolean): Promise<void> {
  if (input.externalRefs != null) {
    if (!create) await tx.query('DELETE FROM asset_external_ref WHERE asset_id = $1', [assetId]);
    if (input.externalRefs.length) {
      await tx.query(
        `INSERT INTO asset_external_ref (source, external_id, asset_id) SELECT s, e, $3 FROM unnest($1::varchar[], $2::varchar[]) AS u(s, e)`,
        [input.externalRefs.map((r) => r.source.trim()), input.externalRefs.map((r) => r.externalId.trim()), assetId],
      );
    }
  }
  const relation = kind === AssetKind.DATA_ASSET ? AssetRelationKind.STORED_ON : kind === AssetKind.CERTIFICATE ? AssetRelationKind.INSTALLED_ON : null;
  const ids = kind === AssetKind.DATA_ASSET ? input.storedOnIds : kind === AssetKind.CERTIFICATE ? input.installedOnIds : undefined;
  const prefix = relation === AssetRelationKind.STORED_ON ? 'storedOn' : 'installedOn';
  if (relation && ids != null) {
    if (!create) await tx.query('DELETE FROM asset_relation WHERE asset_id = $1 AND relation = $2', [assetId, relation]);
    const keys = ids.map((_, i) => refs[`${prefix}.${i}`]).filter((k): k is string => k != null);
    if (keys.includes(assetId)) fail(['input', `${prefix}Ids`], UserErrorCode.INVALID, 'An asset cannot be linked to itself');
    if (keys.length) {
      await tx.query(
        `INSERT INTO asset_relation (asset_id, relation, related_asset_id, position)
         SELECT $1, $2, k, min(o) FROM unnest($3::uuid[]) WITH ORDINALITY AS u(k, o) GROUP BY k`,
        [assetId, relation, keys],
      );
    }
  }
}

async function resolveAllRefs(tx: Queryable, kind: AssetKind, input: Partial<CreateAssetInput>): Promise<Record<string, string | null>> {
  const { checks, names } = refChecks(kind, input);
  const keys = await resolveRefs(tx, checks);
  return Object.fromEntries(names.map((n, i) => [n, keys[i]]));
}

export async function createAsset(ctx: Context, kind: AssetKind, input: CreateAssetInput): Promise<{ asset: AssetRow }> {
  await assertValid(input);
  const errors = crossFieldErrors(kind, input, { row: null });
  if (errors.length) throw new UserErrorsException(errors);
  try {
    return await ctx.db.transaction(async (tx) => {
      const refs = await resolveAllRefs(tx, kind, input);
      const cols = columnValues(kind, input, refs, true);
      cols.kind = kind;
      cols.status = input.status ?? AssetStatus.IN_STOCK;
      cols.asset_tag = input.assetTag?.trim() || (await nextTag(tx, kind));
      const names = Object.keys(cols);
      const [row] = await tx.query<AssetRow>(
        `INSERT INTO asset AS a (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${ASSET_COLUMNS}`,
        names.map((n) => cols[n]),
      );
      await writeLinks(tx, row.id, kind, input, refs, true);
      return { asset: row };
    });
  } catch (err) {
    if (err instanceof UserErrorsException) throw err;
    mapDbError(err, CONSTRAINT_FIELDS);
  }
}

export async function updateAsset(ctx: Context, kind: AssetKind, input: UpdateAssetInput): Promise<{ asset: AssetRow }> {
  const key = requireKey(input.id, [KIND_TYPENAME[kind]], ['input', 'id']);
  await assertValid(input);
  const nulls = [...COMMON_NOT_CLEARABLE, ...NOT_CLEARABLE[kind]].filter((f) => (input as unknown as Record<string, unknown>)[f] === null);
  if (nulls.length) throw new UserErrorsException(nulls.map((f) => userError(['input', f], UserErrorCode.REQUIRED, `${f} cannot be cleared`)));
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await lockForUpdate<AssetRow>(
        tx, `SELECT ${ASSET_COLUMNS} FROM asset a WHERE a.id = $1 AND a.kind = '${kind}' FOR UPDATE`, key, input.expectedVersion, KIND_TYPENAME[kind],
      );
      assertNotDisposed(row.status);
      const errors = crossFieldErrors(kind, input, { row });
      if (errors.length) throw new UserErrorsException(errors);
      const refs = await resolveAllRefs(tx, kind, input);
      if (refs.host === key) fail(['input', 'hostId'], UserErrorCode.INVALID, 'A virtual machine cannot be its own host');
      const cols = columnValues(kind, input, refs, false);
      if (input.assetTag != null) cols.asset_tag = input.assetTag.trim();
      if (input.status != null && input.status !== row.status) {
        // The same gate as changeAssetStatus: lifecycle check and the custody events the move implies.
        Object.assign(cols, (await planStatusChange(tx, ctx, row, input.status)).changes);
      }
      if (kind === AssetKind.SOFTWARE_LICENSE) {
        // The row lock above serialises this with seat assignments, which lock the licence row too.
        const before = { seatsTotal: row.seatsTotal ?? 0, allowOverallocation: row.allowOverallocation ?? false, metric: row.metric ?? '' };
        await assertSeatTermsHold(tx, key, before, {
          seatsTotal: input.seatsTotal ?? before.seatsTotal, allowOverallocation: input.allowOverallocation ?? before.allowOverallocation, metric: input.metric ?? before.metric,
        });
      }
      const names = Object.keys(cols);
      const [updated] = await tx.query<AssetRow>(
        `UPDATE asset AS a SET ${names.map((n, i) => `${n} = $${i + 2}`).concat('version = a.version + 1', 'updated_at = now()').join(', ')}
          WHERE a.id = $1 RETURNING ${ASSET_COLUMNS}`,
        [key, ...names.map((n) => cols[n])],
      );
      await writeLinks(tx, key, kind, input, refs, false);
      return { asset: updated };
    });
  } catch (err) {
    if (err instanceof UserErrorsException) throw err;
    mapDbError(err, CONSTRAINT_FIELDS);
  }
}
