import { Column, Entity, Generated, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One change to one row, written by the database itself (trigger itam_audit on
 * every table of the register) in the transaction that made the change, so no
 * path — resolver, batch job or hand-written SQL — changes data unrecorded.
 * The actor, action and request id come from transaction settings that the
 * service sets for each mutation (itam.actor, itam.action, itam.request_id);
 * a change made outside the service is recorded as `database:<role>` / `sql.<op>`.
 * Append-only: triggers refuse UPDATE, DELETE and TRUNCATE.
 */
@Entity('audit_entry')
@Unique('uq_audit_entry_seq', ['seq'])
@Index('idx_audit_entry_actor', ['actor', 'seq'])
@Index('idx_audit_entry_action', ['action', 'seq'])
@Index('idx_audit_entry_entity', ['entityId', 'seq'])
@Index('idx_audit_entry_asset', ['assetId', 'seq'])
@Index('idx_audit_entry_related_asset', ['relatedAssetId', 'seq'])
@Index('idx_audit_entry_at', ['at'])
// The asset change feed: entries of assets in (writing transaction, seq) order.
@Index('idx_audit_entry_feed', ['txid', 'seq'], { where: 'asset_id IS NOT NULL' })
export class AuditEntryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_audit_entry' }) id: string;
  /** Order of writing: the log's sort key (newest first). */
  @Column({ type: 'bigint' }) @Generated('increment') seq: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
  /**
   * The writing transaction's id (txid_current()). A reader sees an entry only once every
   * transaction with a smaller id has finished (txid_snapshot_xmin), so a feed ordered by
   * (txid, seq) never gains an entry behind a cursor already handed out: gap-free under
   * concurrent writers.
   */
  @Column({ type: 'bigint', default: () => 'txid_current()' }) txid: string;
  @Column({ type: 'varchar', length: 200 }) actor: string;
  @Column({ type: 'varchar', length: 100 }) action: string;
  /** GraphQL type of the changed object: Hardware, Person, Contract, CustodyEvent, … */
  @Column({ name: 'entity_type', type: 'varchar', length: 50 }) entityType: string;
  @Column({ name: 'entity_id', type: 'uuid' }) entityId: string;
  /** The asset the change belongs to (its own row, or the asset of a custody event, seat, disposal…). */
  @Column({ name: 'asset_id', type: 'uuid', nullable: true }) assetId: string | null;
  /** A second asset the change concerns (the device of a licence seat). */
  @Column({ name: 'related_asset_id', type: 'uuid', nullable: true }) relatedAssetId: string | null;
  /** INSERT, UPDATE or DELETE. */
  @Column({ type: 'varchar', length: 10 }) operation: string;
  /** { column: { before, after } } for the columns that changed; secrets are redacted. */
  @Column({ type: 'jsonb' }) changes: Record<string, { before: unknown; after: unknown }>;
  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true }) requestId: string | null;
}
