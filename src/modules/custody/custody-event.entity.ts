import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { AssetEntity } from '../assets/asset.entity';
import { enumValues, sqlList } from '../assets/asset.enums';
import { CustodianType, CustodyEventType } from './custody.enums';

const party = (p: string) =>
  `(${p}_type IS NULL) = (${p}_id IS NULL) AND (${p}_type IS NULL OR ${p}_type IN (${sqlList(enumValues(CustodianType))}))`;

/**
 * One step in an asset's chain of custody. Append-only: triggers refuse UPDATE,
 * DELETE and TRUNCATE, and each row's hash covers the previous row's hash.
 */
@Entity('custody_event')
@Unique('uq_custody_event_sequence', ['assetId', 'sequence'])
@Check('chk_custody_event_type', `type IN (${sqlList(enumValues(CustodyEventType))})`)
@Check('chk_custody_event_from', party('from'))
@Check('chk_custody_event_to', party('to'))
@Check('chk_custody_event_holder', party('holder'))
@Check('chk_custody_event_sequence', `sequence >= 1`)
@Check('chk_custody_event_hash', `hash ~ '^[0-9a-f]{64}$' AND (previous_hash IS NULL OR previous_hash ~ '^[0-9a-f]{64}$') AND (previous_hash IS NULL) = (sequence = 1)`)
export class CustodyEventEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @ForeignKey(() => AssetEntity, { name: 'fk_custody_event_asset' })
  @Column({ name: 'asset_id', type: 'uuid' })
  assetId: string;
  /** 1, 2, 3… per asset, without gaps. */
  @Column({ type: 'int' }) sequence: number;
  @Column({ type: 'varchar', length: 30 }) type: string;
  @Column({ name: 'from_type', type: 'varchar', length: 20, nullable: true }) fromType: string | null;
  @Column({ name: 'from_id', type: 'uuid', nullable: true }) fromId: string | null;
  @Column({ name: 'to_type', type: 'varchar', length: 20, nullable: true }) toType: string | null;
  @Column({ name: 'to_id', type: 'uuid', nullable: true }) toId: string | null;
  /** Who holds the asset after this event (null: in stock), for point-in-time questions. */
  @Column({ name: 'holder_type', type: 'varchar', length: 20, nullable: true }) holderType: string | null;
  @Column({ name: 'holder_id', type: 'uuid', nullable: true }) holderId: string | null;
  @Index('idx_custody_event_occurred')
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt: Date;
  @Column({ name: 'expected_return_on', type: 'date', nullable: true }) expectedReturnOn: string | null;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'varchar', length: 200 }) actor: string;
  @Column({ type: 'char', length: 64 }) hash: string;
  @Column({ name: 'previous_hash', type: 'char', length: 64, nullable: true }) previousHash: string | null;
}
