import { Field, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { Money } from '../../common/money';
import { Node } from '../../common/node';
import { DateScalar } from '../../common/scalars';
import { Vendor } from '../vendors/vendor.types';
import { ContractType } from './contract.entity';

export { ContractType };

describeEnum(ContractType, 'ContractType', 'What a contract covers.', {
  PURCHASE: 'A purchase agreement: the assets were bought under it.',
  LEASE: 'A lease: the assets are rented and go back to the lessor at the end.',
  SUPPORT: 'A support agreement: help desk, updates and fixes from the vendor.',
  MAINTENANCE: 'A maintenance agreement: preventive and corrective upkeep of the assets.',
  WARRANTY: 'A warranty or warranty extension: repair or replacement of faulty assets.',
  SLA: 'A service-level agreement: guaranteed availability, response and resolution times.',
  SUBSCRIPTION: 'A subscription: a recurring fee for a service or for software.',
  LICENSE_AGREEMENT: 'A software licence agreement (e.g. an enterprise agreement) that licences are held under.',
});

export enum ContractStatus {
  UPCOMING = 'UPCOMING',
  ACTIVE = 'ACTIVE',
  EXPIRING = 'EXPIRING',
  EXPIRED = 'EXPIRED',
}

/** Days before its end in which a contract counts as EXPIRING. */
export const EXPIRING_WITHIN_DAYS = 30;

describeEnum(ContractStatus, 'ContractStatus', 'Where a contract stands today, derived from its dates (never stored).', {
  UPCOMING: 'It starts after today.',
  ACTIVE: 'It has started (or has no start date) and does not end within the next 30 days (or has no end date).',
  EXPIRING: 'It has started and ends today or within the next 30 days.',
  EXPIRED: 'It ended before today.',
});

/**
 * The status as SQL over CURRENT_DATE, so that the list filter and the field agree;
 * the first matching rule wins, in the order of the enum's descriptions.
 */
export const contractStatusSql = (alias: string): string =>
  `CASE WHEN ${alias}.starts_on > CURRENT_DATE THEN 'UPCOMING'` +
  ` WHEN ${alias}.ends_on < CURRENT_DATE THEN 'EXPIRED'` +
  ` WHEN ${alias}.ends_on <= CURRENT_DATE + ${EXPIRING_WITHIN_DAYS} THEN 'EXPIRING'` +
  ` ELSE 'ACTIVE' END`;

/** The last day to give notice: the same expression as the index idx_contract_renewal_decision. */
export const renewalDecisionSql = (alias: string): string => `(COALESCE(${alias}.renews_on, ${alias}.ends_on) - ${alias}.notice_period_days)`;

/** A contract row as the resolvers receive it (see CONTRACT_COLUMNS): the columns plus the derived values. */
export interface ContractRow {
  __typename: 'Contract';
  id: string;
  contractNumber: string;
  title: string;
  type: ContractType;
  vendorId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  renewsOn: string | null;
  autoRenew: boolean;
  noticePeriodDays: number;
  cost: string | null;
  costCurrency: string | null;
  slaTerms: string | null;
  renewalDecisionBy: string | null;
  status: ContractStatus;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

@ObjectType({ implements: Node, description: 'An agreement with a vendor (purchase, lease, support, SLA …) that covers some assets.' })
export class Contract extends Node {
  @Field({ description: 'The contract\'s number, unique, e.g. "MSA-2026-014".' })
  contractNumber: string;
  @Field({ description: 'Short title, e.g. "Dell ProSupport for laptops".' })
  title: string;
  @Field(() => ContractType, { description: 'What the contract covers.' })
  type: ContractType;
  @Field(() => Vendor, { nullable: true, description: 'The other party; null when not recorded.' })
  vendor: Vendor | null;
  @Field(() => DateScalar, { nullable: true, description: 'First day of the contract.' })
  startsOn: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'Last day of the contract; null when open-ended.' })
  endsOn: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'When it renews (or must be renewed), if that is not the end date.' })
  renewsOn: string | null;
  @Field({ description: 'True when the contract renews by itself unless notice is given.' })
  autoRenew: boolean;
  @Field(() => Int, { description: 'Days of notice needed to end or change the contract before it renews or ends.' })
  noticePeriodDays: number;
  @Field(() => DateScalar, { nullable: true, description: 'Last day to decide about renewal: (renewsOn, or else endsOn) minus noticePeriodDays; null when neither date is set.' })
  renewalDecisionBy: string | null;
  @Field(() => Money, { nullable: true, description: 'What the contract costs; null when not recorded. Needs a role that reads money.' })
  cost: Money | null;
  @Field(() => String, { nullable: true, description: 'Service levels agreed, as free text.' })
  slaTerms: string | null;
  @Field(() => ContractStatus, { description: 'Where the contract stands today, derived from startsOn and endsOn.' })
  status: ContractStatus;
  @Field({ description: 'When the contract was recorded.' })
  createdAt: Date;
  @Field({ description: 'When the contract last changed.' })
  updatedAt: Date;
  @Field(() => Int, { description: 'Increases with every change; pass it as `expectedVersion` to update safely.' })
  version: number;
}

@ObjectType({ description: 'A page of contracts.' })
export class ContractConnection extends Connection(Contract, 'Contract', 'contract') {}
