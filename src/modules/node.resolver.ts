import { Arg, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { can, Role } from '../auth/roles';
import { apiError } from '../common/errors';
import { fromGlobalId, toGlobalId } from '../common/global-id';
import { Node, typenameOf, type TypedRow } from '../common/node';
import type { Context } from '../context';
import { AssetKind, KIND_TYPENAME } from './assets/asset.enums';
import { Person } from './people/person.types';

/** How each type's rows are fetched by key, for node(id) and nodes(ids): all through the request's loaders. */
const FETCHERS: Record<string, (ctx: Context, key: string) => Promise<TypedRow | null>> = {
  Department: (ctx, key) => ctx.loaders.departmentById.load(key),
  Location: (ctx, key) => ctx.loaders.locationById.load(key),
  Person: (ctx, key) => ctx.loaders.personById.load(key),
  Vendor: (ctx, key) => ctx.loaders.vendorById.load(key),
  Contract: (ctx, key) => ctx.loaders.contractById.load(key),
  MaintenanceRecord: (ctx, key) => ctx.loaders.maintenanceRecordById.load(key),
  CustodyEvent: (ctx, key) => ctx.loaders.custodyEventById.load(key),
  LicenseSeat: (ctx, key) => ctx.loaders.licenseSeatById.load(key),
  PhysicalAudit: (ctx, key) => ctx.loaders.physicalAuditById.load(key),
  AssetChange: (ctx, key) => ctx.loaders.assetChangeById.load(key),
  // node(id) must not be a way around the roles matrix: audit entries are for ADMIN and AUDITOR.
  AuditEntry: (ctx, key) => {
    if (!can(ctx.principal, 'readAudit')) throw apiError('FORBIDDEN', 'AuditEntry needs one of the roles ADMIN, AUDITOR');
    return ctx.loaders.auditEntryById.load(key);
  },
  Disposal: (ctx, key) => ctx.loaders.disposalByAsset.load(key),
  ...Object.fromEntries(
    Object.entries(KIND_TYPENAME).map(([kind, typename]) => [
      typename,
      async (ctx: Context, key: string) => {
        const row = await ctx.loaders.assetById.load(key);
        return row && row.kind === (kind as AssetKind) ? row : null;
      },
    ]),
  ),
};

export async function fetchNode(ctx: Context, id: string): Promise<TypedRow | null> {
  const decoded = fromGlobalId(id);
  const fetch = decoded ? FETCHERS[decoded.type] : undefined;
  return fetch && decoded ? fetch(ctx, decoded.key) : null;
}

@ObjectType({ description: 'The caller, as the bearer token says.' })
export class Viewer {
  @Field({ description: 'The token\'s `sub` claim.' })
  subject: string;
  @Field(() => [Role], { description: 'The token\'s roles.' })
  roles: Role[];
  @Field(() => Person, { nullable: true, description: 'The Person the token names in `personId` ("me"), if any and if it exists.' })
  person: Person | null;
}

@Resolver(() => Node)
export class NodeResolver {
  @FieldResolver(() => ID, { description: 'Opaque global ID: stable, unique across all types. Pass it back as is.' })
  id(@Root() row: TypedRow): string {
    return toGlobalId(typenameOf(row), row.id);
  }

  @Query(() => Node, { nullable: true, description: 'Any object by its global ID; null when there is none (or the ID is not one of ours).' })
  node(@Arg('id', () => ID, { description: 'A global ID.' }) id: string, @Ctx() ctx: Context) {
    return fetchNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Several objects by global ID, in the order asked; null where there is none. At most 100 IDs.' })
  nodes(@Arg('ids', () => [ID], { description: 'Global IDs (at most 100).' }) ids: string[], @Ctx() ctx: Context) {
    if (ids.length > 100) {
      throw apiError('QUERY_TOO_COMPLEX', 'nodes takes at most 100 IDs', { limit: 'nodes', max: 100 });
    }
    return Promise.all(ids.map((id) => fetchNode(ctx, id)));
  }

  @Query(() => Viewer, { description: 'Who is calling: subject, roles and, when the token links one, the Person.' })
  async viewer(@Ctx() ctx: Context): Promise<Viewer> {
    const { subject, roles, personId } = ctx.principal;
    const decoded = personId ? fromGlobalId(personId) : null;
    const person = decoded?.type === 'Person' ? ((await ctx.loaders.personById.load(decoded.key)) as unknown as Person | null) : null;
    return { subject, roles, person };
  }
}
