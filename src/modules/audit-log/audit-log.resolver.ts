import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ForwardArgs } from '../../common/connection';
import { toGlobalId } from '../../common/global-id';
import type { Context } from '../../context';
import { Asset, type AssetRow } from '../assets/asset.types';
import { fetchNode } from '../node.resolver';
import { auditLimit, auditPage, camelChanges, decodeAuditCursor, listAuditLog } from './audit-log.service';
import { AuditEntry, AuditEntryConnection, AuditLogFilter, AuditOperation, type AuditEntryRow } from './audit-log.types';

const OPERATION: Record<AuditEntryRow['operation'], AuditOperation> = { INSERT: AuditOperation.CREATED, UPDATE: AuditOperation.UPDATED, DELETE: AuditOperation.DELETED };

@Resolver(() => AuditEntry)
export class AuditLogResolver {
  @Query(() => AuditEntryConnection, { description: 'Every recorded change, newest first. ADMIN and AUDITOR only.' })
  auditLog(
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Conditions every returned entry meets.' }) filter: AuditLogFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last entry already seen.' }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return listAuditLog(ctx, filter, first, after);
  }

  @FieldResolver(() => AuditOperation)
  operation(@Root() e: AuditEntryRow): AuditOperation {
    return OPERATION[e.operation];
  }

  @FieldResolver(() => ID)
  entityId(@Root() e: AuditEntryRow): string {
    return toGlobalId(e.entityType, e.entityId);
  }

  @FieldResolver()
  entity(@Root() e: AuditEntryRow, @Ctx() ctx: Context) {
    return fetchNode(ctx, toGlobalId(e.entityType, e.entityId));
  }

  @FieldResolver(() => [String])
  changedFields(@Root() e: AuditEntryRow): string[] {
    return Object.keys(camelChanges(e.changes));
  }

  @FieldResolver()
  changes(@Root() e: AuditEntryRow) {
    return camelChanges(e.changes);
  }
}

@Resolver(() => Asset)
export class AssetHistoryResolver {
  @FieldResolver(() => AuditEntryConnection, {
    nullable: true,
    description:
      'Every recorded change to this asset and to what belongs to it (custody events, seats, maintenance, contract links, disposal), newest first. ' +
      'ADMIN and AUDITOR only: for other roles it is null with a FORBIDDEN error at its path (hence nullable), and the rest of the asset still comes back.',
  })
  async history(@Root() a: AssetRow, @Args() args: ForwardArgs, @Ctx() ctx: Context) {
    const limit = auditLimit(args.first);
    const after = decodeAuditCursor(args.after);
    const rows = limit === 0 ? [] : await ctx.loaders.historyPage.load({ parent: a.id, limit: limit + 1, after });
    return auditPage(rows, limit, after, () => ctx.loaders.historyCount.load(a.id));
  }
}

export const AUDIT_LOG_RESOLVERS: Function[] = [AuditLogResolver, AssetHistoryResolver];
