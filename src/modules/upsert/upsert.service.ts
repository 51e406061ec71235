import { randomUUID } from 'node:crypto';
import { fromGlobalId } from '../../common/global-id';
import { mapDbError } from '../../common/persistence';
import { userError, UserErrorCode, UserErrorsException, type UserError } from '../../common/user-errors';
import { validateInput, type RefCheck } from '../../common/validation';
import type { Context } from '../../context';
import type { Queryable, Tx } from '../../database/db';
import { AssetKind, AssetRelationKind, AssetStatus, TAG_PREFIX, tagSequence } from '../assets/asset.enums';
import type { CreateAssetInput } from '../assets/asset.inputs';
import { ASSET_COLUMNS, columnValues, crossFieldErrors, refChecks } from '../assets/asset.service';
import type { AssetRow } from '../assets/asset.types';
import { assertTransition } from '../assets/lifecycle';
import { planStatusChange } from '../custody/custody.service';
import { assertSeatTermsHold, type SeatTerms } from '../licenses/seat-rules';
import { MAX_UPSERT_ITEMS, UpsertOutcome, type UpsertAssetItemInput, type UpsertAssetResult, type UpsertAssetsInput } from './upsert.types';

/** The kind object of each kind in an item. */
const KIND_FIELD = {
  HARDWARE: 'hardware',
  SOFTWARE_LICENSE: 'softwareLicense',
  NETWORK_DEVICE: 'networkDevice',
  CLOUD_RESOURCE: 'cloudResource',
  VIRTUAL_MACHINE: 'virtualMachine',
  DATA_ASSET: 'dataAsset',
  CERTIFICATE: 'certificate',
} as const satisfies Record<AssetKind, keyof UpsertAssetItemInput>;
type KindField = (typeof KIND_FIELD)[AssetKind];
const KIND_FIELDS = Object.values(KIND_FIELD) as KindField[];

/**
 * Create-input fields that may be null on create (a default applies) but name NOT NULL columns.
 * On an existing asset, null for them keeps the stored value, so that a feed that sends the same
 * item again (with the same nulls) finds it UNCHANGED instead of being refused.
 */
const NULL_KEEPS = ['status', 'assetTag', 'tags', 'dataBearing', 'allowOverallocation', 'powerState', 'ipAddresses', 'containsPersonalData', 'subjectAltNames'];

/** Namespace (first key) of the transaction-level advisory locks on (source, externalId): "upsr". */
const LOCK_CLASS = 0x75707372;
const MAX_ATTEMPTS = 3;
const MAX_SOURCE = 100;
const MAX_EXTERNAL_ID = 200;
/** PostgreSQL text cannot hold NUL: such a key is refused before it reaches SQL. */
const NUL_MESSAGE = (field: string) => `${field} must not contain the NUL character (U+0000)`;

/** An item as checked before anything is read: the same for every attempt of the transaction. */
interface Prepared {
  index: number;
  /** externalId as given (echoed in the result). */
  given: string;
  /** externalId trimmed; null when unusable. */
  key: string | null;
  kind: AssetKind;
  /** ['input', 'items', i, kindField]: where the kind object's fields are reported. */
  path: string[];
  input: CreateAssetInput | null;
  errors: UserError[];
  /** The create rule on status (ORDERED or IN_STOCK): applies only when the item creates the asset. */
  statusErrors: UserError[];
}

/** An item within one attempt of the transaction. */
interface Work extends Prepared {
  existing: AssetRow | null;
  /** The fields to apply: the kind object, with nulls that keep stored values dropped on updates. */
  eff: Partial<CreateAssetInput>;
  refs: Record<string, string | null>;
  move: AssetStatus | null;
  links: { relation: AssetRelationKind; keys: string[] } | null;
  linksChanged: boolean;
  tag: string | null;
  cols: Record<string, unknown>;
}

/** A field path of the asset service (['input', 'locationId']) re-rooted at the item's kind object. */
const rerootField = (field: string[] | null, path: string[]): string[] => (field && field[0] === 'input' ? [...path, ...field.slice(1)] : field ?? path);
const reroot = (errors: UserError[], path: string[]): UserError[] => errors.map((e) => ({ ...e, field: rerootField(e.field, path) }));

/** Whole-call problems: nothing is read or written then. Returns the trimmed source. */
function checkCall(input: UpsertAssetsInput): string {
  const errors: UserError[] = [];
  const source = typeof input.source === 'string' ? input.source.trim() : '';
  if (!source) errors.push(userError(['input', 'source'], UserErrorCode.REQUIRED, 'source must not be blank'));
  else if (source.length > MAX_SOURCE) errors.push(userError(['input', 'source'], UserErrorCode.INVALID, `source may be at most ${MAX_SOURCE} characters`));
  else if (source.includes('\u0000')) errors.push(userError(['input', 'source'], UserErrorCode.INVALID, NUL_MESSAGE('source')));
  if (input.items.length > MAX_UPSERT_ITEMS) {
    errors.push(userError(['input', 'items'], UserErrorCode.INVALID,
      `At most ${MAX_UPSERT_ITEMS.toLocaleString('en')} items per call; this one has ${input.items.length.toLocaleString('en')}: split it`));
  } else {
    const first = new Map<string, number>();
    input.items.forEach((item, i) => {
      const key = item.externalId.trim();
      if (!key) return;
      const seen = first.get(key);
      if (seen === undefined) first.set(key, i);
      else errors.push(userError(['input', 'items', String(i), 'externalId'], UserErrorCode.INVALID, `externalId ${JSON.stringify(key).slice(0, 80)} is also given in item ${seen}: give each once`));
    });
  }
  if (errors.length) throw new UserErrorsException(errors);
  return source;
}

/** In-memory checks of one item: its key, its one kind object, and the class-validator rules of that object. */
async function prepare(item: UpsertAssetItemInput, index: number): Promise<Prepared> {
  const itemPath = ['input', 'items', String(index)];
  const errors: UserError[] = [];
  const key = item.externalId.trim();
  if (!key) errors.push(userError([...itemPath, 'externalId'], UserErrorCode.REQUIRED, 'externalId must not be blank'));
  else if (key.length > MAX_EXTERNAL_ID) errors.push(userError([...itemPath, 'externalId'], UserErrorCode.INVALID, `externalId may be at most ${MAX_EXTERNAL_ID} characters`));
  else if (key.includes('\u0000')) errors.push(userError([...itemPath, 'externalId'], UserErrorCode.INVALID, NUL_MESSAGE('externalId')));
  const field = KIND_FIELD[item.kind];
  const path = [...itemPath, field];
  const given = KIND_FIELDS.filter((f) => item[f] != null);
  if (!given.includes(field)) errors.push(userError(path, UserErrorCode.INVALID, `A ${item.kind} item needs its ${field} object`));
  for (const f of given) {
    if (f !== field) errors.push(userError([...itemPath, f], UserErrorCode.INVALID, `A ${item.kind} item takes only its ${field} object, not ${f}`));
  }
  const input = (item[field] ?? null) as CreateAssetInput | null;
  let statusErrors: UserError[] = [];
  if (input) {
    if (input.externalRefs != null) {
      errors.push(userError([...path, 'externalRefs'], UserErrorCode.INVALID, 'externalRefs cannot be given in an upsert item: its (source, externalId) is its external ref'));
    }
    const isStatus = (e: UserError) => e.field?.length === path.length + 1 && e.field[path.length] === 'status';
    const found = await validateInput(input, path);
    errors.push(...found.filter((e) => !isStatus(e)));
    statusErrors = found.filter(isStatus);
  }
  const usable = key !== '' && key.length <= MAX_EXTERNAL_ID && !key.includes('\u0000');
  return { index, given: item.externalId, key: usable ? key : null, kind: item.kind, path, input, errors, statusErrors };
}

/**
 * The moves an upsert may make on an existing asset: those of a plain update (the lifecycle gate
 * planStatusChange), minus custody hand-overs (into or out of IN_USE) and disposal.
 */
function moveErrors(from: AssetStatus, to: AssetStatus, field: string[]): UserError[] {
  if (from === AssetStatus.IN_USE || to === AssetStatus.IN_USE) {
    return [userError(field, UserErrorCode.INVALID_TRANSITION, `Moving from ${from} to ${to} changes custody, which upsertAssets never does: use checkOutAsset, checkInAsset or the maintenance mutations`)];
  }
  if (to === AssetStatus.DISPOSED) return [userError(field, UserErrorCode.INVALID_TRANSITION, `Moving from ${from} to ${to} needs a disposal record: use disposeAsset`)];
  try {
    assertTransition(from, to, field);
    return [];
  } catch (err) {
    if (err instanceof UserErrorsException) return err.userErrors;
    throw err;
  }
}

function keepOnNull(input: CreateAssetInput): Partial<CreateAssetInput> {
  const eff: Record<string, unknown> = { ...input };
  for (const f of NULL_KEEPS) if (eff[f] === null) delete eff[f];
  return eff as Partial<CreateAssetInput>;
}

/**
 * Every reference of every item (locations, departments, vendors, people, hosts, stored-on and
 * installed-on assets) checked in one statement: one UNION ALL branch per table and condition.
 * A missing one is NOT_FOUND on its own item only.
 */
async function resolveBatchRefs(tx: Queryable, items: Work[]): Promise<void> {
  interface Group { table: string; where?: string; keys: Set<string> }
  const groups = new Map<string, Group & { n: number }>();
  const pending: { w: Work; name: string; key: string; group: number; check: RefCheck; field: string[] }[] = [];
  const notFound = (c: RefCheck, field: string[]) =>
    userError(field, UserErrorCode.NOT_FOUND, `No ${c.types.join(' or ')} with ID ${JSON.stringify(String(c.id)).slice(0, 80)}`);
  for (const w of items) {
    const { checks, names } = refChecks(w.kind, w.eff);
    checks.forEach((c, i) => {
      w.refs[names[i]] = null;
      if (c.id == null) return;
      const field = rerootField(c.field, w.path);
      const d = fromGlobalId(c.id);
      if (!d || !c.types.includes(d.type)) {
        w.errors.push(notFound(c, field));
        return;
      }
      const g = `${c.table}\u0000${c.where ?? ''}`;
      let group = groups.get(g);
      if (!group) groups.set(g, (group = { table: c.table, where: c.where, keys: new Set(), n: groups.size }));
      group.keys.add(d.key);
      pending.push({ w, name: names[i], key: d.key, group: group.n, check: c, field });
    });
  }
  if (!groups.size) return;
  const list = [...groups.values()];
  const rows = await tx.query<{ g: number; id: string }>(
    list.map((g, i) => `SELECT ${i} AS g, id::text AS id FROM ${g.table} WHERE id = ANY($${i + 1}::uuid[])${g.where ? ` AND (${g.where})` : ''}`).join(' UNION ALL '),
    list.map((g) => [...g.keys]),
  );
  const found = new Set(rows.map((r) => `${r.g}:${r.id}`));
  for (const p of pending) {
    if (found.has(`${p.group}:${p.key}`)) p.w.refs[p.name] = p.key;
    else p.w.errors.push(notFound(p.check, p.field));
  }
}

/** Generated tags for new assets, per kind, in one statement (more only when some numbers were typed in by hand). */
async function generateTags(tx: Queryable, need: Map<AssetKind, number>, reserved: Set<string>): Promise<Map<AssetKind, string[]>> {
  const out = new Map<AssetKind, string[]>([...need.keys()].map((k) => [k, []]));
  for (let round = 0; round < 20; round++) {
    const short = [...need].map(([k, n]) => [k, n - out.get(k)!.length] as const).filter(([, n]) => n > 0);
    if (!short.length) return out;
    const rows = await tx.query<{ kind: AssetKind; tag: string; taken: boolean }>(
      `WITH s AS MATERIALIZED (
         SELECT u.kind, nextval(u.seq::regclass) AS n, u.prefix FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS u(kind, prefix, seq, n)
           CROSS JOIN LATERAL generate_series(1, u.n))
       SELECT s.kind, s.prefix || '-' || lpad(s.n::text, 6, '0') AS tag,
              EXISTS (SELECT 1 FROM asset WHERE asset_tag = s.prefix || '-' || lpad(s.n::text, 6, '0')) AS taken
         FROM s ORDER BY s.kind, s.n`,
      [short.map(([k]) => k), short.map(([k]) => TAG_PREFIX[k]), short.map(([k]) => tagSequence(k)), short.map(([, n]) => n)],
    );
    for (const r of rows) if (!r.taken && !reserved.has(r.tag)) out.get(r.kind)!.push(r.tag);
  }
  throw new Error('no free generated asset tags after 20 rounds');
}

/**
 * What the seat rules read for a licence (activeSeatsOf), answered from one statement for the
 * whole batch, so that assertSeatTermsHold checks every licence without a statement each.
 */
const seatsFrom = (row: Record<string, unknown>): Queryable => ({ query: async <R>() => [row as R] });

async function runBatch(tx: Tx, ctx: Context, source: string, prepared: Prepared[]): Promise<UpsertAssetResult[]> {
  const work: Work[] = prepared.map((p) => ({
    ...p, errors: [...p.errors], existing: null, eff: {}, refs: {}, move: null, links: null, linksChanged: false, tag: null, cols: {},
  }));
  const live = () => work.filter((w) => w.errors.length === 0);
  const keys = [...new Set(work.map((w) => w.key).filter((k): k is string => k != null))];

  // 1. Serialise calls on the same keys (sorted: no deadlock between two batches), then read what exists, row-locked.
  await tx.query(
    `SELECT pg_advisory_xact_lock(${LOCK_CLASS}, s.h) FROM (SELECT DISTINCT hashtext($1 || chr(31) || k) AS h FROM unnest($2::text[]) AS k ORDER BY h) s`,
    [source, keys],
  );
  const found = await tx.query<AssetRow & { refExternalId: string }>(
    `SELECT r.external_id AS "refExternalId", ${ASSET_COLUMNS} FROM asset_external_ref r JOIN asset a ON a.id = r.asset_id
      WHERE r.source = $1 AND r.external_id = ANY($2::varchar[]) ORDER BY a.id FOR UPDATE OF a`,
    [source, keys],
  );
  const byKey = new Map(found.map(({ refExternalId, ...row }) => [refExternalId, row as AssetRow]));

  // 2. Per item, in memory: existence, kind, DISPOSED, status moves, cross-field rules.
  const assetOwner = new Map<string, number>();
  for (const w of work) {
    const row = w.key != null ? byKey.get(w.key) ?? null : null;
    w.existing = row;
    if (w.errors.length) continue;
    const itemPath = w.path.slice(0, -1);
    if (row) {
      if (row.status === AssetStatus.DISPOSED) {
        w.errors.push(userError([...itemPath, 'externalId'], UserErrorCode.INVALID_TRANSITION, `The asset of this externalId (${row.assetTag}) is DISPOSED: that is final, nothing changes it any more`));
        continue;
      }
      if (row.kind !== w.kind) {
        w.errors.push(userError([...itemPath, 'kind'], UserErrorCode.INVALID, `The asset of this externalId (${row.assetTag}) is a ${row.kind}, not a ${w.kind}`));
        continue;
      }
      const other = assetOwner.get(row.id);
      if (other !== undefined) {
        w.errors.push(userError([...itemPath, 'externalId'], UserErrorCode.INVALID, `This externalId names the same asset (${row.assetTag}) as item ${other}`));
        continue;
      }
      assetOwner.set(row.id, w.index);
      w.eff = keepOnNull(w.input!);
      if (w.eff.status != null && w.eff.status !== row.status) {
        const errors = moveErrors(row.status, w.eff.status, [...w.path, 'status']);
        if (errors.length) w.errors.push(...errors);
        else w.move = w.eff.status;
      }
    } else {
      w.eff = w.input!;
      w.errors.push(...w.statusErrors);
    }
    w.errors.push(...reroot(crossFieldErrors(w.kind, w.eff, { row }), w.path));
  }

  // 3. References of the whole batch: one statement. Then links to itself.
  await resolveBatchRefs(tx, live());
  for (const w of live()) {
    if (w.existing && w.refs.host != null && w.refs.host === w.existing.id) {
      w.errors.push(userError([...w.path, 'hostId'], UserErrorCode.INVALID, 'A virtual machine cannot be its own host'));
    }
    const relation = w.kind === AssetKind.DATA_ASSET ? AssetRelationKind.STORED_ON : w.kind === AssetKind.CERTIFICATE ? AssetRelationKind.INSTALLED_ON : null;
    const ids = w.kind === AssetKind.DATA_ASSET ? w.eff.storedOnIds : w.kind === AssetKind.CERTIFICATE ? w.eff.installedOnIds : undefined;
    if (!relation || ids == null) continue;
    const prefix = relation === AssetRelationKind.STORED_ON ? 'storedOn' : 'installedOn';
    const linked = [...new Set(ids.map((_, i) => w.refs[`${prefix}.${i}`]).filter((k): k is string => k != null))];
    if (w.existing && linked.includes(w.existing.id)) w.errors.push(userError([...w.path, `${prefix}Ids`], UserErrorCode.INVALID, 'An asset cannot be linked to itself'));
    else w.links = { relation, keys: linked };
  }

  // 4. Stored links of the assets whose lists are given (one statement): a list that differs is written.
  const linking = live().filter((w) => w.links);
  const linkedBefore = new Map<string, string[]>();
  const existingLinking = linking.filter((w) => w.existing);
  if (existingLinking.length) {
    const rows = await tx.query<{ assetId: string; relation: string; keys: string[] }>(
      `SELECT asset_id::text AS "assetId", relation, array_agg(related_asset_id::text ORDER BY position, related_asset_id) AS keys
         FROM asset_relation WHERE asset_id = ANY($1::uuid[]) GROUP BY asset_id, relation`,
      [existingLinking.map((w) => w.existing!.id)],
    );
    for (const r of rows) linkedBefore.set(`${r.assetId}:${r.relation}`, r.keys);
  }
  for (const w of linking) {
    const before = w.existing ? linkedBefore.get(`${w.existing.id}:${w.links!.relation}`) ?? [] : [];
    w.linksChanged = before.length !== w.links!.keys.length || before.some((k, i) => k !== w.links!.keys[i]);
  }

  // 5. Licence terms against the active seats (one statement for every licence whose terms change).
  const terms = live()
    .filter((w) => w.existing && w.kind === AssetKind.SOFTWARE_LICENSE)
    .map((w) => {
      const row = w.existing!;
      const before: SeatTerms = { seatsTotal: row.seatsTotal ?? 0, allowOverallocation: row.allowOverallocation ?? false, metric: row.metric ?? '' };
      const after: SeatTerms = {
        seatsTotal: w.eff.seatsTotal ?? before.seatsTotal, allowOverallocation: w.eff.allowOverallocation ?? before.allowOverallocation, metric: w.eff.metric ?? before.metric,
      };
      return { w, before, after };
    })
    .filter(({ before, after }) => before.seatsTotal !== after.seatsTotal || before.allowOverallocation !== after.allowOverallocation || before.metric !== after.metric);
  if (terms.length) {
    const rows = await tx.query<{ id: string; used: number; persons: number; devices: number; multi: number }>(
      `SELECT l.id::text AS id, LEAST(COALESCE(sum(s.quantity), 0), 2147483647)::int AS used,
              count(*) FILTER (WHERE s.person_id IS NOT NULL)::int AS persons,
              count(*) FILTER (WHERE s.asset_id IS NOT NULL)::int AS devices,
              count(*) FILTER (WHERE s.quantity <> 1)::int AS multi
         FROM unnest($1::uuid[]) AS l(id) LEFT JOIN license_seat s ON s.license_id = l.id AND s.released_at IS NULL
        GROUP BY l.id`,
      [terms.map((t) => t.w.existing!.id)],
    );
    const seats = new Map(rows.map(({ id, ...s }) => [id, s]));
    for (const { w, before, after } of terms) {
      try {
        await assertSeatTermsHold(seatsFrom(seats.get(w.existing!.id)!), w.existing!.id, before, after);
      } catch (err) {
        if (!(err instanceof UserErrorsException)) throw err;
        w.errors.push(...reroot(err.userErrors, w.path));
      }
    }
  }

  // 6. Asset tags: one that another asset (or an earlier item of this call) has is ALREADY_EXISTS for this item only.
  const claims = live()
    .map((w) => ({ w, tag: w.eff.assetTag?.trim() || null }))
    .filter((c): c is { w: Work; tag: string } => c.tag != null && c.tag !== c.w.existing?.assetTag);
  const reserved = new Set<string>();
  if (claims.length) {
    const owners = new Map(
      (await tx.query<{ tag: string; id: string }>(`SELECT asset_tag AS tag, id::text AS id FROM asset WHERE asset_tag = ANY($1::varchar[])`, [claims.map((c) => c.tag)]))
        .map((r) => [r.tag, r.id]),
    );
    const claimedBy = new Map<string, number>();
    for (const { w, tag } of claims) {
      const field = [...w.path, 'assetTag'];
      const other = claimedBy.get(tag);
      if (owners.has(tag)) w.errors.push(userError(field, UserErrorCode.ALREADY_EXISTS, `assetTag ${tag} is already taken`));
      else if (other !== undefined) w.errors.push(userError(field, UserErrorCode.ALREADY_EXISTS, `assetTag ${tag} is also given to item ${other} of this call`));
      else {
        claimedBy.set(tag, w.index);
        w.tag = tag;
        reserved.add(tag);
      }
    }
  }
  const untagged = live().filter((w) => !w.existing && w.tag == null);
  if (untagged.length) {
    const need = new Map<AssetKind, number>();
    for (const w of untagged) need.set(w.kind, (need.get(w.kind) ?? 0) + 1);
    const tags = await generateTags(tx, need, reserved);
    for (const w of untagged) w.tag = tags.get(w.kind)!.shift()!;
  }

  // 7. Status moves through the lifecycle gate of plain updates (custody events, seat releases where the move implies them).
  for (const w of live()) {
    if (!w.move) continue;
    try {
      Object.assign(w.cols, (await planStatusChange(tx, ctx, w.existing!, w.move, { field: [...w.path, 'status'] })).changes);
    } catch (err) {
      // Its refusals come before any write; moveErrors above already refuses what it would.
      if (!(err instanceof UserErrorsException)) throw err;
      w.errors.push(...err.userErrors);
    }
  }

  // 8. The writes: one INSERT of the new assets, one UPDATE of the changed ones, one INSERT of the new refs, links.
  const creates = live().filter((w) => !w.existing);
  const updates = live().filter((w) => w.existing);
  for (const w of creates) {
    w.cols = { ...columnValues(w.kind, w.eff, w.refs, true), id: randomUUID(), kind: w.kind, status: w.eff.status ?? AssetStatus.IN_STOCK, asset_tag: w.tag };
  }
  for (const w of updates) {
    w.cols = { ...columnValues(w.kind, w.eff, w.refs, false), ...(w.eff.assetTag != null ? { asset_tag: w.eff.assetTag.trim() } : {}), ...w.cols };
  }
  const written = new Map<string, AssetRow>();
  if (creates.length) {
    const names = [...new Set(creates.flatMap((w) => Object.keys(w.cols)))];
    const rows = await tx.query<AssetRow>(
      `INSERT INTO asset AS a (${names.join(', ')})
       SELECT ${names.map((n) => `r.${n}`).join(', ')} FROM jsonb_populate_recordset(NULL::asset, $1::jsonb) AS r
       RETURNING ${ASSET_COLUMNS}`,
      [JSON.stringify(creates.map((w) => w.cols))],
    );
    for (const r of rows) written.set(r.id, r);
    await tx.query(
      `INSERT INTO asset_external_ref (source, external_id, asset_id) SELECT $1, u.k, u.a FROM unnest($2::varchar[], $3::uuid[]) AS u(k, a)`,
      [source, creates.map((w) => w.key), creates.map((w) => w.cols.id)],
    );
  }
  if (updates.length) {
    // Only the columns an item gives are compared and set; a row where none differs (and no link or move) is left alone.
    const names = [...new Set(updates.flatMap((w) => Object.keys(w.cols)))];
    const rows = await tx.query<AssetRow>(
      `UPDATE asset AS a SET ${names.map((n) => `${n} = CASE WHEN v.c ? '${n}' THEN r.${n} ELSE a.${n} END`).join(', ')},
              version = a.version + 1, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, force boolean, c jsonb)
              CROSS JOIN LATERAL jsonb_populate_record(NULL::asset, v.c) AS r
        WHERE a.id = v.id AND (v.force${names.map((n) => ` OR (v.c ? '${n}' AND a.${n} IS DISTINCT FROM r.${n})`).join('')})
        RETURNING ${ASSET_COLUMNS}`,
      [JSON.stringify(updates.map((w) => ({ id: w.existing!.id, force: w.linksChanged || w.move != null, c: w.cols })))],
    );
    for (const r of rows) written.set(r.id, r);
  }
  const relinked = live().filter((w) => w.linksChanged);
  const unlinking = relinked.filter((w) => w.existing);
  if (unlinking.length) {
    await tx.query(`DELETE FROM asset_relation r USING unnest($1::uuid[], $2::text[]) AS u(a, rel) WHERE r.asset_id = u.a AND r.relation = u.rel`,
      [unlinking.map((w) => w.existing!.id), unlinking.map((w) => w.links!.relation)]);
  }
  const links = relinked.flatMap((w) => w.links!.keys.map((k, i) => ({ a: (w.existing?.id ?? w.cols.id) as string, rel: w.links!.relation, k, pos: i + 1 })));
  if (links.length) {
    await tx.query(
      `INSERT INTO asset_relation (asset_id, relation, related_asset_id, position) SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::int[])`,
      [links.map((l) => l.a), links.map((l) => l.rel), links.map((l) => l.k), links.map((l) => l.pos)],
    );
  }

  return work.map((w) => {
    if (w.errors.length) {
      const asset = w.existing ? written.get(w.existing.id) ?? w.existing : null;
      return { externalId: w.given, outcome: UpsertOutcome.FAILED, asset, userErrors: w.errors };
    }
    if (!w.existing) return { externalId: w.given, outcome: UpsertOutcome.CREATED, asset: written.get(w.cols.id as string)!, userErrors: [] };
    const updated = written.get(w.existing.id);
    return { externalId: w.given, outcome: updated ? UpsertOutcome.UPDATED : UpsertOutcome.UNCHANGED, asset: updated ?? w.existing, userErrors: [] };
  });
}

/** A conflict with a writer outside the advisory locks (a tag or ref taken meanwhile, a deadlock): worth running again. */
function isRetryable(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '40P01' || e.code === '40001' || (e.code === '23505' && (e.constraint === 'uq_asset_tag' || e.constraint === 'pk_asset_external_ref'));
}

/**
 * Creates or updates a batch of assets keyed by (source, externalId), in one transaction with a
 * constant number of statements: items are validated in memory, the refused ones are left out of
 * the statements and reported on their own; the others are written together.
 */
export async function upsertAssets(ctx: Context, input: UpsertAssetsInput): Promise<{ results: UpsertAssetResult[] }> {
  const source = checkCall(input);
  const prepared = await Promise.all(input.items.map((item, i) => prepare(item, i)));
  if (!prepared.some((p) => p.key != null)) {
    return { results: prepared.map((p) => ({ externalId: p.given, outcome: UpsertOutcome.FAILED, asset: null, userErrors: p.errors })) };
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return { results: await ctx.db.transaction((tx) => runBatch(tx, ctx, source, prepared)) };
    } catch (err) {
      if (attempt < MAX_ATTEMPTS && isRetryable(err)) continue;
      if (err instanceof UserErrorsException) throw err;
      mapDbError(err, {});
    }
  }
}
