import { Field, ID, InterfaceType } from 'type-graphql';
import { KIND_TYPENAME, type AssetKind } from '../modules/assets/asset.enums';

/** Every row handed to GraphQL says what it is: `__typename`, or an asset's `kind`. */
export interface TypedRow {
  id: string;
  __typename?: string;
  kind?: string;
}

export function typenameOf(row: TypedRow): string {
  if (row.__typename) return row.__typename;
  const t = row.kind ? KIND_TYPENAME[row.kind as AssetKind] : undefined;
  if (!t) throw new Error(`row ${row.id} has no GraphQL type`);
  return t;
}

@InterfaceType({
  description: 'An object with a global ID, fetchable with `node(id:)` or `nodes(ids:)`.',
  resolveType: (value: TypedRow) => typenameOf(value),
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global ID: stable, unique across all types. Pass it back as is.' })
  id: string;
}
