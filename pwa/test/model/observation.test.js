import { describe, expect, it } from 'vitest';
import { diffFields, newFields } from '../../src/model/observation.js';

describe('what an edit changed', () => {
  const seen = {
    ...newFields({ position: { lat: 43.2952, lon: 5.3862, accuracy_m: 4 } }),
    // The server's key order, not the phone's.
    position: { accuracy_m: 4, lat: 43.2952, lon: 5.3862 },
  };

  it('is nothing when only the key order of a value differs', () => {
    const after = { ...seen, position: { lat: 43.2952, lon: 5.3862, accuracy_m: 4 } };
    expect(diffFields(seen, after)).toEqual({});
  });

  it('is the changed field with the value seen before', () => {
    const after = { ...seen, operator: 'Mairie', direction: [90] };
    expect(diffFields(seen, after)).toEqual({
      operator: { old: null, new: 'Mairie' },
      direction: { old: null, new: [90] },
    });
  });

  it('counts a moved pin as a position change', () => {
    const after = { ...seen, position: { lat: 43.2953, lon: 5.3862, accuracy_m: 4 } };
    expect(Object.keys(diffFields(seen, after))).toEqual(['position']);
  });
});
