import { describe, expect, it } from 'vitest';
import { applyCarriageReturns } from './console-text.ts';

describe('applyCarriageReturns', () => {
  it('shows only the latest state of a progress bar redrawn with \\r', () => {
    expect(applyCarriageReturns('epoch 1\n[##   ] 40%\r[#### ] 80%\r[#####] 100%\ndone\n')).toBe('epoch 1\n[#####] 100%\ndone\n');
  });

  it('overwrites only as far as the new text reaches, like a terminal', () => {
    expect(applyCarriageReturns('loading...\rok')).toBe('okading...');
  });

  it('treats \\r\\n as a newline', () => {
    expect(applyCarriageReturns('a\r\nb\r\n')).toBe('a\nb\n');
  });
});
