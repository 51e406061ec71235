import type { Context } from '../../context';
import type { Tx } from '../../database/db';

/**
 * Releases, in the caller's transaction, every active seat that an asset leaving
 * service holds (as a device) or grants (as a licence): a RETIRED or DISPOSED
 * device gives its seats back, a RETIRED or DISPOSED licence grants none.
 * Returns the number of seats released. The rows stay, with released_at set.
 *
 * The caller holds the asset's row lock (lockAsset). An assignment to the device
 * holds that row FOR SHARE and a licence's assignments hold the licence row FOR
 * UPDATE, so a seat committed just before this runs is seen and released. Its
 * assigned_at can then be later than this transaction's now(), hence GREATEST
 * (released_at may never precede assigned_at).
 */
export async function releaseSeatsOfAsset(tx: Tx, ctx: Context, assetId: string, reason: string): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE license_seat SET released_at = GREATEST(now(), assigned_at), released_by = $2, release_reason = $3
      WHERE released_at IS NULL AND (asset_id = $1 OR license_id = $1) RETURNING id`,
    [assetId, ctx.principal.subject, reason],
  );
  return rows.length;
}

/**
 * Releases every active seat a person holds, in the caller's transaction (a person
 * deactivated gives back their seats). The caller holds the person's row lock; an
 * assignment holds it FOR SHARE, so none slips in between.
 */
export async function releaseSeatsOfPerson(tx: Tx, ctx: Context, personId: string, reason: string): Promise<number> {
  const rows = await tx.query<{ id: string }>(
    `UPDATE license_seat SET released_at = GREATEST(now(), assigned_at), released_by = $2, release_reason = $3
      WHERE released_at IS NULL AND person_id = $1 RETURNING id`,
    [personId, ctx.principal.subject, reason],
  );
  return rows.length;
}
