import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { decodeCursor, ForwardArgs, forwardLimit, forwardPage, type ConnectionResult } from '../../common/connection';
import { badInput } from '../../common/errors';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { Asset, SoftwareLicense, type AssetRow } from '../assets/asset.types';
import { Person, type PersonRow } from '../people/person.types';
import { SEAT_KEY_RE, type SeatPageRow } from './license.loaders';
import { assignLicenseSeat, complianceOf, releaseLicenseSeat } from './license.service';
import {
  AssignLicenseSeatInput, AssignLicenseSeatPayload, LicenseAssignee, LicenseCompliance, LicenseSeat, LicenseSeatConnection, ReleaseLicenseSeatInput,
  ReleaseLicenseSeatPayload, type LicenseSeatRow,
} from './license.types';

const ORDER = 'seats';

type SeatPageLoader = Context['loaders']['activeSeatsByLicense'];
type CountLoader = Context['loaders']['activeSeatCountByLicense'];

/** One forward page of a parent's active seats, through a batched page loader and count loader. */
async function seatPage(parentId: string, args: ForwardArgs, pages: SeatPageLoader, counts: CountLoader): Promise<ConnectionResult<SeatPageRow>> {
  const limit = forwardLimit(args.first);
  let after: string | null = null;
  if (args.after != null) {
    const c = decodeCursor(args.after, ORDER, 'after');
    if (c.value == null || !SEAT_KEY_RE.test(c.value)) throw badInput('`after` is not a cursor of this list in this order', 'after');
    after = `${c.value}|${c.id}`;
  }
  const rows = limit === 0 ? [] : await pages.load({ parent: parentId, limit: limit + 1, after });
  return forwardPage(rows, limit, args.after, ORDER, (r) => r.sortKey, () => counts.load(parentId));
}

@Resolver(() => LicenseSeat)
export class LicenseSeatResolver {
  @Mutation(() => AssignLicenseSeatPayload, {
    description: 'Gives a person or a device a seat of a licence. SEATS_EXHAUSTED past seatsTotal unless the licence allows over-allocation; '
      + 'concurrent assignments never overshoot. Needs ADMIN or ASSET_MANAGER.',
  })
  assignLicenseSeat(@Arg('input', () => AssignLicenseSeatInput, { description: 'The licence, the assignee and the quantity.' }) input: AssignLicenseSeatInput, @Ctx() ctx: Context) {
    return asPayload(() => assignLicenseSeat(ctx, input));
  }

  @Mutation(() => ReleaseLicenseSeatPayload, { description: 'Gives a seat back; the seat stays as history with releasedAt set. An already released seat is NOT_AVAILABLE. Needs ADMIN or ASSET_MANAGER.' })
  releaseLicenseSeat(@Arg('input', () => ReleaseLicenseSeatInput, { description: 'The seat and why.' }) input: ReleaseLicenseSeatInput, @Ctx() ctx: Context) {
    return asPayload(() => releaseLicenseSeat(ctx, input));
  }

  @FieldResolver()
  license(@Root() s: LicenseSeatRow, @Ctx() ctx: Context) {
    return ctx.loaders.assetById.load(s.licenseId);
  }

  @FieldResolver(() => LicenseAssignee)
  assignee(@Root() s: LicenseSeatRow, @Ctx() ctx: Context) {
    return s.personId ? ctx.loaders.personById.load(s.personId) : ctx.loaders.assetById.load(s.assetId!);
  }

  @FieldResolver()
  active(@Root() s: LicenseSeatRow): boolean {
    return s.releasedAt == null;
  }
}

@Resolver(() => SoftwareLicense)
export class SoftwareLicenseSeatsResolver {
  @FieldResolver(() => Int, { description: 'Seats in use: the sum of the quantities of the active seats (one statement for a whole page of licences).' })
  seatsUsed(@Root() l: AssetRow, @Ctx() ctx: Context) {
    return ctx.loaders.seatsUsedByLicense.load(l.id);
  }

  @FieldResolver(() => Int, { description: 'Seats still free: seatsTotal minus seatsUsed, never below 0.' })
  async seatsAvailable(@Root() l: AssetRow, @Ctx() ctx: Context) {
    return Math.max(0, (l.seatsTotal ?? 0) - (await ctx.loaders.seatsUsedByLicense.load(l.id)));
  }

  @FieldResolver(() => LicenseCompliance, { description: 'How its use compares with what was bought, today: EXPIRED, OVER_ALLOCATED, UNDER_UTILIZED or COMPLIANT, with the numbers.' })
  async compliance(@Root() l: AssetRow, @Ctx() ctx: Context) {
    return complianceOf(l, await ctx.loaders.seatsUsedByLicense.load(l.id), ctx.config.assets.licenseUnderusePercent);
  }

  @FieldResolver(() => LicenseSeatConnection, { description: 'Its active seats, oldest assignment first.' })
  seats(@Root() l: AssetRow, @Args() args: ForwardArgs, @Ctx() ctx: Context) {
    return seatPage(l.id, args, ctx.loaders.activeSeatsByLicense, ctx.loaders.activeSeatCountByLicense);
  }
}

@Resolver(() => Asset)
export class AssetLicenseSeatsResolver {
  @FieldResolver(() => LicenseSeatConnection, { description: 'The licence seats this asset holds now as a device, oldest first (a SoftwareLicense holds none: see its `seats`).' })
  licenseSeats(@Root() a: AssetRow, @Args() args: ForwardArgs, @Ctx() ctx: Context) {
    return seatPage(a.id, args, ctx.loaders.activeSeatsByAsset, ctx.loaders.activeSeatCountByAsset);
  }
}

@Resolver(() => Person)
export class PersonLicenseSeatsResolver {
  @FieldResolver(() => LicenseSeatConnection, { description: 'The licence seats this person holds now, oldest first.' })
  licenseSeats(@Root() p: PersonRow, @Args() args: ForwardArgs, @Ctx() ctx: Context) {
    return seatPage(p.id, args, ctx.loaders.activeSeatsByPerson, ctx.loaders.activeSeatCountByPerson);
  }
}

/** This module's resolver classes (registered in modules/index.ts). */
export const LICENSE_RESOLVERS: Function[] = [LicenseSeatResolver, SoftwareLicenseSeatsResolver, AssetLicenseSeatsResolver, PersonLicenseSeatsResolver];
