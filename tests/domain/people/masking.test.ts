import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from '../../../functions/domain/people/masking';

describe('maskName', () => {
  it.each([
    ['张三华', '张*华'],
    ['王五', '王*'],
    ['欧阳娜娜', '欧**娜'],
    ['李', '*'],
    ['', '*'],
    ['  张三华  ', '张*华'],
    ['Anna Lee', 'A******e'],
    ['𠀋𠀌𠀍', '𠀋*𠀍'],
  ])('%j → %j', (name, masked) => expect(maskName(name)).toBe(masked));

  it('never reveals more than the first and last character, and keeps the length', () => {
    fc.assert(
      fc.property(
        fc
          .string({ unit: 'grapheme-composite', minLength: 3, maxLength: 12 })
          .filter((s) => s.trim() === s && Array.from(s).length >= 3),
        (name) => {
          const chars = Array.from(name);
          const masked = Array.from(maskName(name));
          expect(masked).toHaveLength(chars.length);
          expect(masked[0]).toBe(chars[0]);
          expect(masked[masked.length - 1]).toBe(chars[chars.length - 1]);
          expect(masked.slice(1, -1).every((c) => c === '*')).toBe(true);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '861****5678'],
    ['12345', '***45'],
    ['7', '7'],
  ])('%j → %j', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});
