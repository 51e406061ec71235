import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Connection } from '../../common/connection';
import { describeEnum } from '../../common/enums';
import { Node } from '../../common/node';
import { JSONObjectScalar } from '../../common/scalars';

export enum AuditOperation {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  DELETED = 'DELETED',
}
describeEnum(AuditOperation, 'AuditOperation', 'What happened to the row.', {
  CREATED: 'The row was written for the first time (a new object, link or event).',
  UPDATED: 'Some of its fields changed.',
  DELETED: 'The row was removed (e.g. a contract link undone).',
});

/** An audit row as resolvers receive it. */
export interface AuditEntryRow {
  __typename: 'AuditEntry';
  id: string;
  seq: string;
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  assetId: string | null;
  relatedAssetId: string | null;
  operation: 'INSERT' | 'UPDATE' | 'DELETE';
  changes: Record<string, { before: unknown; after: unknown }>;
  requestId: string | null;
}

@ObjectType({
  implements: Node,
  description: 'One recorded change to one object: who, through which mutation, when, and each changed field before and after. Written by the database in the same transaction as the change; it cannot be altered or deleted. Readable by ADMIN and AUDITOR.',
})
export class AuditEntry extends Node {
  @Field({ description: 'When the change was made: the start of the transaction that made it (every entry of one mutation has the same time).' })
  at: Date;
  @Field({ description: 'Who made it: the token subject, or `database:<role>` for a change made directly in the database.' })
  actor: string;
  @Field({ description: 'What it was, as entity.verb: `asset.checkOut`, `license.assignSeat`, … (`sql.insert`/`sql.update`/`sql.delete` outside the service).' })
  action: string;
  @Field(() => AuditOperation, { description: 'Whether the row was created, updated or deleted.' })
  operation: AuditOperation;
  @Field({ description: 'GraphQL type of the changed object, e.g. Hardware, Person, CustodyEvent.' })
  entityType: string;
  @Field(() => ID, { description: 'Global ID of the changed object.' })
  entityId: string;
  @Field(() => Node, { nullable: true, description: 'The changed object as it is now (null if it cannot be fetched).' })
  entity: unknown;
  @Field(() => [String], { description: 'Names of the fields that changed (camelCase).' })
  changedFields: string[];
  @Field(() => JSONObjectScalar, { description: '`{ field: { before, after } }` for each changed field (camelCase names; secrets such as licence keys show as "[redacted]").' })
  changes: Record<string, { before: unknown; after: unknown }>;
  @Field(() => String, { nullable: true, description: 'The request that made the change (the `x-request-id` of the response and the log line); null outside the service.' })
  requestId: string | null;
}

@ObjectType({ description: 'A page of audit entries, newest first.' })
export class AuditEntryConnection extends Connection(AuditEntry, 'AuditEntry', 'audit entry') {}

@InputType({ description: 'Which audit entries to list; conditions are ANDed.' })
export class AuditLogFilter {
  @Field(() => String, { nullable: true, description: 'Exactly this actor (token subject).' })
  actor?: string | null;
  @Field(() => String, { nullable: true, description: 'Exactly this action, e.g. `asset.checkOut`.' })
  action?: string | null;
  @Field(() => ID, { nullable: true, description: 'Changes to this object (global ID).' })
  entityId?: string | null;
  @Field(() => Date, { nullable: true, description: 'At or after this instant.' })
  since?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Before this instant.' })
  until?: Date | null;
}
