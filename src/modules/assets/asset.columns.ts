import { Kind, type FieldNode, type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import { columnMap } from '../../database/columns';
import { AssetEntity } from './asset.entity';
import { KIND_TYPENAME } from './asset.enums';

/** Row property → column of the asset table. */
const COLUMNS = columnMap(AssetEntity);

/** Read for every asset: the global ID and the object type come from them. */
const ALWAYS = ['id', 'kind'];

/**
 * Asset fields with a resolver, and the row properties that resolver reads. A selected field
 * that is neither a plain column field nor listed here makes the page read every column
 * (so a new resolver is never handed a row without what it needs; it is only slower until
 * listed). test/asset-columns.test.ts compares every listed field against full rows.
 */
const RESOLVER_READS: Record<string, string[]> = {
  id: [],
  __typename: [],
  location: ['locationId'],
  department: ['departmentId'],
  custodian: ['custodianType', 'custodianId'],
  custodyChain: ['custodySequence'],
  contracts: [],
};

const ASSET_TYPES = Object.values(KIND_TYPENAME);

/** field name → the properties it reads, or null when it needs the whole row. */
function fieldReads(schema: GraphQLSchema): Map<string, string[] | null> {
  const reads = new Map<string, string[] | null>();
  const names = new Set(ASSET_TYPES.flatMap((t) => Object.keys((schema.getType(t) as { getFields(): object }).getFields())));
  for (const name of names) {
    // A plain field is one that graphql-js reads as a property (no resolver, no access guard) on every asset type that has it.
    const plain = name in COLUMNS && ASSET_TYPES.every((t) => {
      const f = (schema.getType(t) as { getFields(): Record<string, { resolve?: unknown }> }).getFields()[name];
      return !f || f.resolve === undefined;
    });
    reads.set(name, plain ? [name] : (RESOLVER_READS[name] ?? null));
  }
  reads.set('__typename', []);
  return reads;
}

const readsBySchema = new WeakMap<GraphQLSchema, Map<string, string[] | null>>();
const selectByField = new WeakMap<FieldNode, string | null>();

/** Field names selected in a selection set, through inline fragments and fragment spreads (directives ignored: a skipped field is still read). */
function selectedNames(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: Set<string>): void {
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) out.add(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) selectedNames(s.selectionSet, info, out);
    else selectedNames(info.fragments[s.name.value]?.selectionSet, info, out);
  }
}

/** The fields selected on the assets of a connection field (`nodes { … }` and `edges { node { … } }`). */
function nodeFieldNames(info: GraphQLResolveInfo): Set<string> {
  const connection = new Set<string>();
  const names = new Set<string>();
  for (const fieldNode of info.fieldNodes) {
    const top = new Set<string>();
    selectedNames(fieldNode.selectionSet, info, top);
    top.forEach((n) => connection.add(n));
  }
  const walk = (set: SelectionSetNode | undefined, path: string[]): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, path);
      else if (s.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[s.name.value]?.selectionSet, path);
      else if (path.length === 0 && s.name.value === 'nodes') selectedNames(s.selectionSet, info, names);
      else if (path.length === 0 && s.name.value === 'edges') walk(s.selectionSet, ['edges']);
      else if (path.length === 1 && s.name.value === 'node') selectedNames(s.selectionSet, info, names);
    }
  };
  for (const fieldNode of info.fieldNodes) walk(fieldNode.selectionSet, []);
  return names;
}

/**
 * The select list an asset page needs for the query being run (`a.col AS "prop", …`), or null
 * when it needs every column. Pages of 100 assets read about 20 of the table's 90 columns this
 * way; fewer values to parse and fewer objects to collect.
 */
export function assetSelectFor(info: GraphQLResolveInfo): string | null {
  const key = info.fieldNodes[0];
  const cached = selectByField.get(key);
  if (cached !== undefined) return cached;
  let reads = readsBySchema.get(info.schema);
  if (!reads) readsBySchema.set(info.schema, (reads = fieldReads(info.schema)));
  const props = new Set(ALWAYS);
  let all = false;
  for (const name of nodeFieldNames(info)) {
    const r = reads.get(name);
    if (r === null || r === undefined) {
      all = true;
      break;
    }
    r.forEach((p) => props.add(p));
  }
  const select = all ? null : [...props].map((p) => `a.${COLUMNS[p]} AS "${p}"`).join(', ');
  selectByField.set(key, select);
  return select;
}
