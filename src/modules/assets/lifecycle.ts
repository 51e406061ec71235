import { fail, UserErrorCode } from '../../common/user-errors';
import { AssetStatus } from './asset.enums';

const { ORDERED, IN_STOCK, IN_USE, IN_MAINTENANCE, RETIRED, DISPOSED, LOST } = AssetStatus;

/**
 * The status moves of the lifecycle, and nothing else:
 * ORDERED → IN_STOCK; IN_STOCK ↔ IN_USE; IN_STOCK/IN_USE ↔ IN_MAINTENANCE;
 * any of those → LOST → IN_STOCK; IN_STOCK/IN_MAINTENANCE/LOST → RETIRED → DISPOSED.
 * DISPOSED is final.
 */
export const TRANSITIONS: Readonly<Record<AssetStatus, readonly AssetStatus[]>> = {
  [ORDERED]: [IN_STOCK],
  [IN_STOCK]: [IN_USE, IN_MAINTENANCE, LOST, RETIRED],
  [IN_USE]: [IN_STOCK, IN_MAINTENANCE, LOST],
  [IN_MAINTENANCE]: [IN_STOCK, IN_USE, LOST, RETIRED],
  [LOST]: [IN_STOCK, RETIRED],
  [RETIRED]: [DISPOSED],
  [DISPOSED]: [],
};

export const canMove = (from: AssetStatus, to: AssetStatus): boolean => TRANSITIONS[from].includes(to);

/** The one gate every status change passes: INVALID_TRANSITION names both states. */
export function assertTransition(from: AssetStatus, to: AssetStatus, field: string[] = ['input', 'status']): void {
  if (from === DISPOSED) fail(field, UserErrorCode.INVALID_TRANSITION, 'The asset is DISPOSED: that is final, nothing changes it any more');
  if (!canMove(from, to)) {
    fail(field, UserErrorCode.INVALID_TRANSITION, `An asset cannot move from ${from} to ${to}`);
  }
}

/** A DISPOSED asset refuses every mutation. */
export function assertNotDisposed(status: AssetStatus, field: string[] = ['input', 'id']): void {
  if (status === DISPOSED) fail(field, UserErrorCode.INVALID_TRANSITION, 'The asset is DISPOSED: that is final, nothing changes it any more');
}
