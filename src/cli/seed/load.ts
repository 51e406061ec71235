/**
 * Bulk loading with COPY … FROM STDIN (text format), one statement per table.
 * pg-copy-streams is not a dependency; pg runs any object with submit() as a
 * query and hands it the protocol's copy messages, which is all COPY FROM needs.
 */
import type { Client } from 'pg';
import type { TableBuffer } from './tables';

/** The parts of pg's (untyped) Connection that a COPY FROM uses. */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  stream: NodeJS.WritableStream & { writableNeedDrain?: boolean };
}

/** Chunks handed over while they are generated: a COPY can run while the generator is still writing. */
export class ChunkQueue implements AsyncIterable<string> {
  private readonly items: string[] = [];
  private next = 0;
  private done = false;
  private wake: (() => void) | null = null;

  push(chunk: string): void {
    this.items.push(chunk);
    this.wake?.();
  }

  end(): void {
    this.done = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<string> {
    for (;;) {
      if (this.next < this.items.length) {
        const chunk = this.items[this.next];
        // Sent chunks are released at once.
        this.items[this.next++] = '';
        yield chunk;
      } else if (this.done) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = null;
      }
    }
  }
}

/** The protocol side of one COPY FROM STDIN: send the chunks when the server asks, settle on its answer. */
class CopyFrom {
  private rows = 0;
  private settled = false;

  constructor(
    private readonly text: string,
    private readonly source: Iterable<string> | AsyncIterable<string>,
    private readonly resolve: (rows: number) => void,
    private readonly reject: (err: Error) => void,
  ) {}

  submit(connection: CopyConnection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    void this.send(connection);
  }

  /** Writes chunk after chunk, waiting for the socket to drain, so a large table is not buffered twice. */
  private async send(connection: CopyConnection): Promise<void> {
    const stream = connection.stream;
    for await (const chunk of this.source) {
      if (this.settled) continue;
      connection.sendCopyFromChunk(Buffer.from(chunk, 'utf8'));
      if (stream.writableNeedDrain) await new Promise((r) => stream.once('drain', r));
    }
    connection.endCopyFrom();
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.rows = Number(/(\d+)$/.exec(msg.text ?? '')?.[1] ?? 0);
  }

  handleReadyForQuery(): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(this.rows);
  }

  handleError(err: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(err);
  }

  handleEmptyQuery(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleCopyData(): void {}
}

/**
 * COPYs a table's rows (those kept in the buffer, or those a queue delivers); returns the
 * number the server took. FREEZE writes them frozen, which leaves VACUUM little to do; it
 * needs the table to be truncated earlier in the same transaction.
 */
export function copyTable(client: Client, buf: TableBuffer, opts: { freeze: boolean; source?: ChunkQueue }): Promise<number> {
  const sql = `COPY "${buf.name}" (${buf.columns.map(([c]) => `"${c}"`).join(', ')}) FROM STDIN${opts.freeze ? ' WITH (FREEZE)' : ''}`;
  if (!opts.source) {
    buf.flush();
    if (buf.length === 0) return Promise.resolve(0);
  }
  const promise = new Promise<number>((resolve, reject) => {
    client.query(new CopyFrom(sql, opts.source ?? buf.chunks, resolve, reject) as unknown as Parameters<Client['query']>[0]);
  });
  // Awaited later by the caller; a failure meanwhile must not count as an unhandled rejection.
  promise.catch(() => undefined);
  return promise;
}
