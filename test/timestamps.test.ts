import fc from 'fast-check';
import { parseTimestamptz } from '../src/database/timestamps';

// pg's own TIMESTAMPTZ parser (no type declarations).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const postgresDate: (text: string) => Date | number | null = require('postgres-date');

/** The fast TIMESTAMPTZ parser gives the same instant as pg's own for every shape PostgreSQL writes. */
const two = (n: number) => String(n).padStart(2, '0');

test('same instant as pg (postgres-date) for generated timestamps, offsets and fractions', () => {
  fc.assert(
    fc.property(
      fc.record({
        y: fc.integer({ min: 1, max: 9999 }), mo: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }),
        h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }),
        frac: fc.option(fc.stringMatching(/^[0-9]{1,6}$/), { nil: undefined }),
        offH: fc.integer({ min: -14, max: 14 }), offM: fc.constantFrom(0, 30, 45), offS: fc.constantFrom(0, 0, 0, 28),
      }),
      ({ y, mo, d, h, mi, s, frac, offH, offM, offS }) => {
        const sign = offH < 0 ? '-' : '+';
        const off = `${sign}${two(Math.abs(offH))}${offM ? `:${two(offM)}` : ''}${offS && offM ? `:${two(offS)}` : ''}`;
        const text = `${String(y).padStart(4, '0')}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)}:${two(s)}${frac ? `.${frac}` : ''}${off}`;
        expect(parseTimestamptz(text).getTime()).toBe((postgresDate(text) as Date).getTime());
      },
    ),
    { numRuns: 2000, seed: Number(process.env.FC_SEED ?? 20261130) },
  );
});

test('what it does not take goes to pg: BC, infinity, years past 9999', () => {
  for (const text of ['0044-03-15 12:00:00+00 BC', 'infinity', '-infinity', '12345-01-01 00:00:00+00']) {
    const a = parseTimestamptz(text) as unknown;
    const b = postgresDate(text) as unknown;
    expect(a instanceof Date ? a.getTime() : a).toEqual(b instanceof Date ? b.getTime() : b);
  }
});
