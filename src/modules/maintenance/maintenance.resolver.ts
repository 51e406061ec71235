import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { decodeCursor, ForwardArgs, forwardLimit, forwardPage, type ConnectionResult } from '../../common/connection';
import { badInput } from '../../common/errors';
import { money } from '../../common/money';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { Asset, type AssetRow } from '../assets/asset.types';
import { CancelMaintenanceInput, CompleteMaintenanceInput, RecordMaintenanceInput, StartMaintenanceInput } from './maintenance.inputs';
import { MAINTENANCE_KEY_RE } from './maintenance.loaders';
import { cancelMaintenance, completeMaintenance, recordMaintenance, startMaintenance } from './maintenance.service';
import {
  CancelMaintenancePayload, CompleteMaintenancePayload, MaintenanceRecord, MaintenanceRecordConnection, RecordMaintenancePayload, StartMaintenancePayload,
  type MaintenanceRecordRow,
} from './maintenance.types';

const ORDER = 'maintenance';

@Resolver(() => MaintenanceRecord)
export class MaintenanceResolver {
  @Mutation(() => RecordMaintenancePayload, {
    description: 'Records maintenance work on an asset. Work that starts now moves the asset to IN_MAINTENANCE (INVALID_TRANSITION when its status does not allow that); later work is SCHEDULED. Needs ADMIN or ASSET_MANAGER.',
  })
  recordMaintenance(@Arg('input', () => RecordMaintenanceInput, { description: 'The asset and the work.' }) input: RecordMaintenanceInput, @Ctx() ctx: Context) {
    return asPayload(() => recordMaintenance(ctx, input));
  }

  @Mutation(() => StartMaintenancePayload, { description: 'Starts SCHEDULED maintenance: the asset moves to IN_MAINTENANCE. Needs ADMIN or ASSET_MANAGER.' })
  startMaintenance(@Arg('input', () => StartMaintenanceInput, { description: 'The maintenance record.' }) input: StartMaintenanceInput, @Ctx() ctx: Context) {
    return asPayload(() => startMaintenance(ctx, input));
  }

  @Mutation(() => CompleteMaintenancePayload, {
    description: 'Completes maintenance. When no other work on the asset is in progress, it returns to the status it had before (IN_STOCK or IN_USE, with its custodian). Needs ADMIN or ASSET_MANAGER.',
  })
  completeMaintenance(@Arg('input', () => CompleteMaintenanceInput, { description: 'The maintenance record and how it ended.' }) input: CompleteMaintenanceInput, @Ctx() ctx: Context) {
    return asPayload(() => completeMaintenance(ctx, input));
  }

  @Mutation(() => CancelMaintenancePayload, {
    description: 'Calls off SCHEDULED or IN_PROGRESS maintenance; an asset no longer worked on returns to the status it had before. Needs ADMIN or ASSET_MANAGER.',
  })
  cancelMaintenance(@Arg('input', () => CancelMaintenanceInput, { description: 'The maintenance record.' }) input: CancelMaintenanceInput, @Ctx() ctx: Context) {
    return asPayload(() => cancelMaintenance(ctx, input));
  }

  @FieldResolver()
  cost(@Root() m: MaintenanceRecordRow) {
    return money(m.cost, m.costCurrency);
  }

  @FieldResolver()
  vendor(@Root() m: MaintenanceRecordRow, @Ctx() ctx: Context) {
    return m.vendorId ? ctx.loaders.vendorById.load(m.vendorId) : null;
  }

  @FieldResolver()
  asset(@Root() m: MaintenanceRecordRow, @Ctx() ctx: Context) {
    return ctx.loaders.assetById.load(m.assetId);
  }
}

@Resolver(() => Asset)
export class AssetMaintenanceResolver {
  @FieldResolver(() => MaintenanceRecordConnection, { description: 'Its maintenance records, newest first.' })
  async maintenance(@Root() a: AssetRow, @Args() args: ForwardArgs, @Ctx() ctx: Context): Promise<ConnectionResult<MaintenanceRecordRow>> {
    const limit = forwardLimit(args.first);
    let after: string | null = null;
    if (args.after != null) {
      const c = decodeCursor(args.after, ORDER, 'after');
      if (c.value == null || !MAINTENANCE_KEY_RE.test(c.value)) throw badInput('`after` is not a cursor of this list in this order', 'after');
      after = `${c.value}|${c.id}`;
    }
    const rows = limit === 0 ? [] : await ctx.loaders.maintenancePage.load({ parent: a.id, limit: limit + 1, after });
    return forwardPage(rows as MaintenanceRecordRow[], limit, args.after, ORDER, (r) => (r as MaintenanceRecordRow & { sortKey: string }).sortKey, () => ctx.loaders.maintenanceCount.load(a.id));
  }
}
