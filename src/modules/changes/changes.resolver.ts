import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { Asset } from '../assets/asset.types';
import { listAssetChanges } from './changes.service';
import { AssetChange, AssetChangeConnection, type AssetChangeRow } from './changes.types';

@Resolver(() => AssetChange)
export class AssetChangeResolver {
  @Query(() => AssetChangeConnection, {
    description:
      'The asset change feed, for delta sync: every create, update, status move, custody event and disposal of an asset, oldest first. ' +
      'Store the last `endCursor` and resume from it with `after`: each change comes exactly once, in the same order for every reader, ' +
      'even while many writers commit at once (a change shows once every transaction of this database that began writing before its own has finished, ' +
      'so a long-running write transaction holds the feed back until it ends). An empty page has a null `endCursor`: keep the cursor you have.',
  })
  assetChanges(
    @Arg('after', () => String, { nullable: true, description: 'Cursor of the last change already seen (an `endCursor` or edge cursor); from the beginning when omitted.' }) after: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 100).' }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return listAssetChanges(ctx, first, after);
  }

  @FieldResolver(() => Asset)
  asset(@Root() c: AssetChangeRow, @Ctx() ctx: Context) {
    return ctx.loaders.assetById.load(c.assetId);
  }
}

/** This module's resolver classes (registered in modules/index.ts). */
export const CHANGES_RESOLVERS: Function[] = [AssetChangeResolver];
