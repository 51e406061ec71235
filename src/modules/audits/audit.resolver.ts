import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ConnectionArgs, decodeCursor, ForwardArgs, forwardLimit, forwardPage, type ConnectionResult } from '../../common/connection';
import { badInput } from '../../common/errors';
import { DateScalar } from '../../common/scalars';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { Asset, AssetConnection, type AssetRow } from '../assets/asset.types';
import { PHYSICAL_AUDIT_KEY_RE } from './audit.loaders';
import { listDueForAudit, nextAuditDueOn, recordPhysicalAudit } from './audit.service';
import { PhysicalAudit, PhysicalAuditConnection, RecordPhysicalAuditInput, RecordPhysicalAuditPayload, type PhysicalAuditRow } from './audit.types';

const ORDER = 'physicalAudit';

@Resolver(() => PhysicalAudit)
export class PhysicalAuditResolver {
  @Mutation(() => RecordPhysicalAuditPayload, {
    description:
      'Records that an asset was seen at a location. When that is not its recorded location (or none was recorded), the location is corrected ' +
      'with a MOVE custody event (the holder stays the same). A LOST asset is first recorded FOUND (back to IN_STOCK). ' +
      'DISPOSED assets are INVALID_TRANSITION, ORDERED ones NOT_AVAILABLE. Needs ADMIN, ASSET_MANAGER or AUDITOR.',
  })
  recordPhysicalAudit(@Arg('input', () => RecordPhysicalAuditInput, { description: 'The asset, where it was found and a note.' }) input: RecordPhysicalAuditInput, @Ctx() ctx: Context) {
    return asPayload(() => recordPhysicalAudit(ctx, input));
  }

  @Query(() => AssetConnection, {
    description:
      'Assets whose next physical audit (nextAuditDueOn) falls on or before `asOf`, most overdue first (by due date, then ID). ' +
      'DISPOSED and ORDERED assets, and kinds whose audit interval is 0, are never due.',
  })
  assetsDueForAudit(
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The day to look from (default today, UTC).' }) asOf: string | null,
    @Args() args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return listDueForAudit(ctx, asOf, args);
  }

  @FieldResolver()
  asset(@Root() p: PhysicalAuditRow, @Ctx() ctx: Context) {
    return ctx.loaders.assetById.load(p.assetId);
  }

  @FieldResolver()
  foundLocation(@Root() p: PhysicalAuditRow, @Ctx() ctx: Context) {
    return ctx.loaders.locationById.load(p.foundLocationId);
  }

  @FieldResolver()
  expectedLocation(@Root() p: PhysicalAuditRow, @Ctx() ctx: Context) {
    return p.expectedLocationId ? ctx.loaders.locationById.load(p.expectedLocationId) : null;
  }

  @FieldResolver()
  custodyEvent(@Root() p: PhysicalAuditRow, @Ctx() ctx: Context) {
    return p.custodySequence != null ? ctx.loaders.custodyEventByAssetSequence.load(`${p.assetId}|${p.custodySequence}`) : null;
  }
}

@Resolver(() => Asset)
export class AssetAuditResolver {
  @FieldResolver(() => Date, { nullable: true, description: 'When it was last seen in a physical audit; null when it never was.' })
  lastAuditedAt(@Root() a: AssetRow): Date | null {
    return a.lastAuditedAt ?? null;
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: 'The day its next physical audit is due: the day of the last audit (or of its creation) plus its kind\'s audit interval. Null when the kind is never audited (interval 0), or the asset is DISPOSED or still ORDERED (not received: nothing to audit yet).',
  })
  nextAuditDueOn(@Root() a: AssetRow, @Ctx() ctx: Context): string | null {
    return nextAuditDueOn(ctx.config, a);
  }

  @FieldResolver(() => PhysicalAuditConnection, { description: 'Its physical audits, newest first.' })
  async physicalAudits(@Root() a: AssetRow, @Args() args: ForwardArgs, @Ctx() ctx: Context): Promise<ConnectionResult<PhysicalAuditRow>> {
    const limit = forwardLimit(args.first);
    let after: string | null = null;
    if (args.after != null) {
      const c = decodeCursor(args.after, ORDER, 'after');
      if (c.value == null || !PHYSICAL_AUDIT_KEY_RE.test(c.value)) throw badInput('`after` is not a cursor of this list in this order', 'after');
      after = `${c.value}|${c.id}`;
    }
    const rows = limit === 0 ? [] : await ctx.loaders.physicalAuditPage.load({ parent: a.id, limit: limit + 1, after });
    return forwardPage(rows as PhysicalAuditRow[], limit, args.after, ORDER, (r) => (r as PhysicalAuditRow & { sortKey: string }).sortKey, () => ctx.loaders.physicalAuditCount.load(a.id));
  }
}

/** This module's resolver classes (registered in modules/index.ts). */
export const AUDIT_RESOLVERS: Function[] = [PhysicalAuditResolver, AssetAuditResolver];
