import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sameJson } from '../../../src/sources/poll/same-json.js';

describe('sameJson', () => {
  it('agrees with a deep comparison on any two JSON values', () => {
    const json = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown);
    fc.assert(fc.property(json, json, (a, b) => sameJson(a, b) === isDeepStrictEqual(a, b)));
    fc.assert(fc.property(json, (a) => sameJson(a, structuredClone(a))));
  });

  it('tells an array from an object with the same keys', () => {
    expect(sameJson(['a'], { 0: 'a' })).toBe(false);
    expect(sameJson({ 0: 'a' }, ['a'])).toBe(false);
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false);
  });
});
