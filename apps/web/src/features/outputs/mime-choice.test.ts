import { describe, expect, it } from 'vitest';
import { chooseMimeType } from './mime-choice.ts';

describe('chooseMimeType', () => {
  it('prefers a live chart over the HTML and text fallbacks a kernel sends with it', () => {
    expect(chooseMimeType({ 'text/plain': '<VegaLite 5 object>', 'text/html': '<div></div>', 'application/vnd.vegalite.v5+json': { mark: 'line' } })).toBe(
      'application/vnd.vegalite.v5+json',
    );
  });

  it('follows vega-lite > html > markdown > svg > png > json > plain', () => {
    const bundle = {
      'text/plain': 'x',
      'application/json': { a: 1 },
      'image/png': 'iVBOR',
      'image/svg+xml': '<svg/>',
      'text/markdown': '# x',
      'text/html': '<b>x</b>',
    };
    const order: string[] = [];
    const remaining: Record<string, unknown> = { ...bundle };
    for (;;) {
      const chosen = chooseMimeType(remaining as typeof bundle);
      if (!chosen) break;
      order.push(chosen);
      delete remaining[chosen];
    }
    expect(order).toEqual(['text/html', 'text/markdown', 'image/svg+xml', 'image/png', 'application/json', 'text/plain']);
  });

  it('answers null for a bundle of types it cannot draw, so the area can say so instead of showing nothing', () => {
    expect(chooseMimeType({ 'application/x-custom-widget': { id: 1 } })).toBeNull();
  });
});
