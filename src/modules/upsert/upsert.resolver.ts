import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { asPayload } from '../../common/user-errors';
import type { Context } from '../../context';
import { upsertAssets } from './upsert.service';
import { MAX_UPSERT_ITEMS, UpsertAssetsInput, UpsertAssetsPayload } from './upsert.types';

@Resolver()
export class UpsertResolver {
  @Mutation(() => UpsertAssetsPayload, {
    description:
      `Creates or updates up to ${MAX_UPSERT_ITEMS.toLocaleString('en')} assets of any kinds keyed by (source, externalId), in one transaction: a new key creates the asset ` +
      '(tag generated unless given) and its external ref; a known key updates the fields given, or reports UNCHANGED and writes nothing when none differs, ' +
      'so repeating a call changes nothing. Each item gets its own result; a refused item (FAILED, with userErrors) does not stop the others. Status follows ' +
      'the lifecycle: a new asset starts ORDERED or IN_STOCK; an existing one may make the moves of a plain update except into or out of IN_USE and to ' +
      'DISPOSED; a DISPOSED asset is never changed. Needs ADMIN or ASSET_MANAGER.',
  })
  async upsertAssets(
    @Arg('input', () => UpsertAssetsInput, { description: 'The source system and its items.' }) input: UpsertAssetsInput,
    @Ctx() ctx: Context,
  ): Promise<UpsertAssetsPayload> {
    return { results: [], ...(await asPayload(() => upsertAssets(ctx, input))) };
  }
}

/** This module's resolver classes (registered in modules/index.ts). */
export const UPSERT_RESOLVERS: Function[] = [UpsertResolver];
