import { Kind, type FieldNode, type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode } from 'graphql';

/** Field names selected in a selection set, through inline fragments and fragment spreads (directives ignored: a skipped field is still read). */
function selectedNames(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: Set<string>): void {
  for (const s of set?.selections ?? []) {
    if (s.kind === Kind.FIELD) out.add(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) selectedNames(s.selectionSet, info, out);
    else selectedNames(info.fragments[s.name.value]?.selectionSet, info, out);
  }
}

/** The fields selected on the items of the connection field being resolved (`nodes { … }` and `edges { node { … } }`). */
export function connectionNodeFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const walk = (set: SelectionSetNode | undefined, inEdges: boolean): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, inEdges);
      else if (s.kind === Kind.FRAGMENT_SPREAD) walk(info.fragments[s.name.value]?.selectionSet, inEdges);
      else if (!inEdges && s.name.value === 'nodes') selectedNames(s.selectionSet, info, names);
      else if (!inEdges && s.name.value === 'edges') walk(s.selectionSet, true);
      else if (inEdges && s.name.value === 'node') selectedNames(s.selectionSet, info, names);
    }
  };
  for (const fieldNode of info.fieldNodes) walk(fieldNode.selectionSet, false);
  return names;
}

/** The fields selected directly on the field being resolved (a list of rows, or one row). */
function listFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  for (const fieldNode of info.fieldNodes) selectedNames(fieldNode.selectionSet, info, names);
  return names;
}

export interface ColumnPlan {
  /** Row property → column. */
  columns: Record<string, string>;
  /** GraphQL object types whose rows these are. */
  types: string[];
  /** Properties read for every row (ids, the type discriminator). */
  always: string[];
  /** Fields with a resolver and the properties it reads; a selected field that is neither a plain column field nor listed here means every column. */
  resolverReads: Record<string, string[]>;
  /** Extra select-list items, e.g. `'CustodyEvent' AS "__typename"`. */
  constants?: string[];
  /** Properties computed in SQL (property → expression over the alias), read like columns. */
  expressions?: Record<string, string>;
}

/**
 * Selection-driven column lists: the select list a page of rows needs for the query being run
 * (`alias.col AS "prop", …`), or null when it needs every column. A field is "plain" when
 * graphql-js reads it as a property (no resolver, no access guard) on every type that has it;
 * anything else must be listed with what it reads, or the page reads whole rows (slower, never
 * wrong). Results are kept per field node (documents are cached, so this runs once per query text).
 */
export function columnPlanner(
  plan: ColumnPlan,
  alias: string,
  /** 'connection': the rows are a connection's nodes/edges; 'list': the field is a plain list (or one object) of them. */
  shape: 'connection' | 'list' = 'connection',
): (info: GraphQLResolveInfo) => string | null {
  const expressions = plan.expressions ?? {};
  const readsBySchema = new WeakMap<GraphQLSchema, Map<string, string[] | null>>();
  const byField = new WeakMap<FieldNode, string | null>();
  const fieldReads = (schema: GraphQLSchema): Map<string, string[] | null> => {
    const reads = new Map<string, string[] | null>();
    const fieldsOf = (t: string) => (schema.getType(t) as { getFields(): Record<string, { resolve?: unknown }> }).getFields();
    for (const name of new Set(plan.types.flatMap((t) => Object.keys(fieldsOf(t))))) {
      const plain = (name in plan.columns || name in expressions) && plan.types.every((t) => fieldsOf(t)[name]?.resolve === undefined);
      reads.set(name, plain ? [name] : (plan.resolverReads[name] ?? null));
    }
    reads.set('__typename', []);
    return reads;
  };
  return (info) => {
    const key = info.fieldNodes[0];
    const cached = byField.get(key);
    if (cached !== undefined) return cached;
    let reads = readsBySchema.get(info.schema);
    if (!reads) readsBySchema.set(info.schema, (reads = fieldReads(info.schema)));
    const props = new Set(plan.always);
    let all = false;
    for (const name of shape === 'connection' ? connectionNodeFields(info) : listFields(info)) {
      const r = reads.get(name);
      if (!r) {
        all = true;
        break;
      }
      r.forEach((p) => props.add(p));
    }
    const item = (p: string) => `${p in expressions ? expressions[p] : `${alias}.${plan.columns[p]}`} AS "${p}"`;
    const select = all ? null : [...(plan.constants ?? []), ...[...props].map(item)].join(', ');
    byField.set(key, select);
    return select;
  };
}
