import DataLoader from 'dataloader';
import type { Money } from '../../common/money';
import type { Db } from '../../database/db';
import { bookValuesOn, type BookValueKey } from './valuation.service';

const keyOf = (k: BookValueKey): string => `${k.assetId}|${k.asOf}`;

/** This module's loaders: each answers a whole page of parents with one statement. */
export function valuationLoaders(db: Db) {
  return {
    /**
     * Book value of an asset on a date: the keys of a batch are grouped by date, and
     * each date is one statement for all its assets (a page of 100 assets asking
     * `bookValue` is one statement; asking it for two dates through aliases, two).
     */
    bookValue: new DataLoader<BookValueKey, Money | null, string>(
      async (keys) => {
        const byDate = new Map<string, string[]>();
        for (const k of keys) {
          const ids = byDate.get(k.asOf) ?? [];
          if (!byDate.has(k.asOf)) byDate.set(k.asOf, ids);
          ids.push(k.assetId);
        }
        const values = new Map<string, Money | null>();
        await Promise.all(
          [...byDate].map(async ([asOf, ids]) => {
            for (const [id, value] of await bookValuesOn(db, asOf, ids)) values.set(keyOf({ assetId: id, asOf }), value);
          }),
        );
        return keys.map((k) => values.get(keyOf(k)) ?? null);
      },
      { cacheKeyFn: keyOf },
    ),
  };
}
