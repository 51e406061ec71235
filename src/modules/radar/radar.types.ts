import { Field, Int, ObjectType } from 'type-graphql';
import { describeEnum } from '../../common/enums';
import { DateScalar } from '../../common/scalars';
import { Asset } from '../assets/asset.types';
import { Contract } from '../contracts/contract.types';

export enum ExpiryKind {
  WARRANTY = 'WARRANTY',
  CONTRACT_END = 'CONTRACT_END',
  RENEWAL_NOTICE = 'RENEWAL_NOTICE',
  LICENSE = 'LICENSE',
  CERTIFICATE = 'CERTIFICATE',
  SUBSCRIPTION = 'SUBSCRIPTION',
  RETENTION = 'RETENTION',
  CHECKOUT_RETURN = 'CHECKOUT_RETURN',
}

describeEnum(ExpiryKind, 'ExpiryKind', 'What falls due: the source of an item of the expiry radar.', {
  WARRANTY: 'An asset\'s warranty ends (warranty.endsOn).',
  CONTRACT_END: 'A contract ends (endsOn).',
  RENEWAL_NOTICE: 'The last day to decide about a contract\'s renewal (renewalDecisionBy); not listed when it is the contract\'s end date, which CONTRACT_END already covers.',
  LICENSE: 'A software licence expires (SoftwareLicense.expiresOn).',
  CERTIFICATE: 'A certificate expires (Certificate.notAfter, as a UTC date).',
  SUBSCRIPTION: 'A cloud or SaaS subscription ends or renews (CloudResource.expiresOn).',
  RETENTION: 'A data asset\'s retention period ends (DataAsset.retentionUntil).',
  CHECKOUT_RETURN: 'A checked-out asset is due back (expectedReturnOn); overdue ones stay listed until returned.',
});

/** One row of the radar's statement; `asset` and `contract` are resolved through the per-request loaders. */
export interface ExpiringItemRow {
  kind: ExpiryKind;
  dueOn: string;
  daysRemaining: number;
  assetId: string | null;
  contractId: string | null;
  /** Asset tag or contract number. */
  ref: string;
  /** Asset name or contract title. */
  label: string;
}

@ObjectType({ description: 'Something that falls due: a warranty, contract, renewal notice, licence, certificate, subscription, retention period or return date.' })
export class ExpiringItem {
  @Field(() => ExpiryKind, { description: 'What falls due.' })
  kind: ExpiryKind;
  @Field(() => DateScalar, { description: 'The day it falls due (the last day of cover, validity or notice; the expected return day).' })
  dueOn: string;
  @Field(() => Int, { description: 'Days from today (UTC) to dueOn: 0 is today; negative only for overdue CHECKOUT_RETURN items.' })
  daysRemaining: number;
  @Field(() => Asset, { nullable: true, description: 'The asset concerned; null for CONTRACT_END and RENEWAL_NOTICE.' })
  asset: Asset | null;
  @Field(() => Contract, { nullable: true, description: 'The contract concerned; null for the asset kinds.' })
  contract: Contract | null;
  @Field({ description: 'A sentence for people, e.g. "Warranty of HW-000042 Laptop ends".' })
  description: string;
}
