import { describe, expect, it } from 'vitest';
import { timesAgree } from '../../src/compare/times.js';

describe('times of day compared', () => {
  it.each([
    [{ at: '02:30', about: false }, { at: '02:30', about: false }, true],
    [{ at: '02:30', about: false }, { at: '02:31', about: false }, false],
    [{ at: '02:30', about: true }, { at: '03:00', about: false }, true],
    [{ at: '02:30', about: true }, { at: '03:01', about: false }, false],
    [{ at: '02:30', about: true }, { at: '03:30', about: true }, true],
    [{ at: '23:50', about: true }, { at: '00:10', about: false }, true],
  ])('%j and %j agree: %s', (a, b, agree) => {
    expect(timesAgree(a, b)).toBe(agree);
    expect(timesAgree(b, a)).toBe(agree);
  });
});
