import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FingerprintTable, type Printed } from '../../src/sink/fingerprint-table.js';

const keys = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.maxSafeNat());
const printed: fc.Arbitrary<Printed> = fc.oneof(
  fc.constant(-1),
  fc.maxSafeNat(),
  fc.array(fc.maxSafeNat(), { minLength: 2, maxLength: 4 }),
);

describe('fingerprint table', () => {
  it('behaves as a Map from key hashes to what was printed, through every growth', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, printed), { maxLength: 300 }), fc.array(keys, { maxLength: 50 }), (writes, probes) => {
        const table = new FingerprintTable(2);
        const model = new Map<number, Printed>();
        for (const [key, value] of writes) {
          table.set(key, value);
          model.set(key, value);
          expect(table.size).toBe(model.size);
        }
        for (const key of [...model.keys(), ...probes]) expect(table.get(key)).toEqual(model.get(key));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps keys that collide in their low bits apart', () => {
    const table = new FingerprintTable(8);
    const colliding = [3, 3 + 8, 3 + 2 ** 40, 3 + 2 ** 52];
    colliding.forEach((key, index) => table.set(key, index * 10));
    expect(colliding.map((key) => table.get(key))).toEqual([0, 10, 20, 30]);
    expect(table.get(3 + 16)).toBeUndefined();
  });
});
