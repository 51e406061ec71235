import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A mutation request sent with an `Idempotency-Key` header: the first response is
 * kept, so a retry with the same key and body gets it again and changes nothing;
 * the same key with another body is refused. Keys are per subject and expire.
 */
@Entity('idempotency_key')
@Index('idx_idempotency_key_created', ['createdAt'])
export class IdempotencyKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_idempotency_key' }) subject: string;
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_idempotency_key' }) key: string;
  /** SHA-256 of the request body (query, variables, operation name). */
  @Column({ name: 'request_hash', type: 'char', length: 64 }) requestHash: string;
  /** Null while the first request is still running. */
  @Column({ name: 'status_code', type: 'int', nullable: true }) statusCode: number | null;
  @Column({ name: 'response_body', type: 'text', nullable: true }) responseBody: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt: Date;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt: Date | null;
}
