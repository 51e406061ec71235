import { Field, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { Node } from '../../common/node';
import { Asset } from '../assets/asset.types';

export enum AssetChangeAction {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  CUSTODY = 'CUSTODY',
  DISPOSED = 'DISPOSED',
}
describeEnum(AssetChangeAction, 'AssetChangeAction', 'What kind of change an entry of the asset change feed records.', {
  CREATED: 'The asset was created.',
  UPDATED: 'Some of its fields changed without a status move (including its external references, `storedOn`/`installedOn` links and, on a transfer, its custodian).',
  STATUS_CHANGED: 'Its status moved (a check-out or check-in, maintenance, lost/found, retirement…); `changedFields` holds `status` and whatever moved with it.',
  CUSTODY: 'A custody event was appended to its chain (check-out, check-in, transfer, handoff to a disposal vendor); the custodian fields it changed on the asset come as a separate UPDATED or STATUS_CHANGED entry of the same transaction.',
  DISPOSED: 'Its status moved to DISPOSED (final).',
});

/** One entry of the change feed as resolvers receive it: derived from one audit entry. */
export interface AssetChangeRow {
  __typename: 'AssetChange';
  /** The audit entry's id. */
  id: string;
  /** Feed position: the writing transaction's id and the entry's sequence number (bigints as text). */
  txid: string;
  seq: string;
  at: Date;
  action: AssetChangeAction;
  assetId: string;
  changedFields: string[];
}

@ObjectType({
  implements: Node,
  description:
    'One change to one asset, as an entry of the change feed (`assetChanges`): a create, an update, a status move, a custody event or a disposal. ' +
    'Derived from the audit log, so it is written in the same transaction as the change itself; it shows what changed, not the values (read the asset for those).',
})
export class AssetChange extends Node {
  @Field(() => AssetChangeAction, { description: 'What kind of change it was.' })
  action: AssetChangeAction;
  @Field({ description: 'When it was made: the start of the transaction that made it. The feed is ordered by transaction (in the order transactions first wrote) and by write order within one, not by this time.' })
  at: Date;
  @Field(() => Asset, { description: 'The asset that changed, as it is now.' })
  asset: unknown;
  @Field(() => [String], {
    description:
      'Names of the changed fields (camelCase names of the stored columns, e.g. `name`, `status`, `custodianId`). ' +
      'CREATED: every field that was set (not null). CUSTODY: `custodyChain`. A change of external references: `externalRefs`; of links: `storedOn` or `installedOn`.',
  })
  changedFields: string[];
}

@ObjectType({ description: 'A page of the asset change feed, oldest first.' })
export class AssetChangeConnection extends Connection(AssetChange, 'AssetChange', 'asset change') {}
