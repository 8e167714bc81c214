import { describe, expect, it } from 'vitest';
import { FRAME_HEIGHT_MESSAGE, htmlFrameDocument, reportedHeight } from './html-frame-document.ts';

describe('htmlFrameDocument', () => {
  it('puts the output markup in the body and the height reporter before it, in the head', () => {
    const document = htmlFrameDocument('<table><tr><td>1</td></tr></table><script>', 'dark');
    const head = document.slice(0, document.indexOf('<body>'));
    expect(head).toContain('parent.postMessage');
    expect(head).toContain(FRAME_HEIGHT_MESSAGE);
    expect(document).toContain('<body><table><tr><td>1</td></tr></table><script></body>');
  });

  it("sets the user's chosen colour scheme, or none so that the frame follows the system", () => {
    expect(htmlFrameDocument('', 'dark')).toContain('<html data-scheme="dark">');
    expect(htmlFrameDocument('', 'light')).toContain('<html data-scheme="light">');
    expect(htmlFrameDocument('', null)).toContain('<html>');
    expect(htmlFrameDocument('', null)).toContain(':root { color-scheme: light dark; }');
  });
});

describe('reportedHeight', () => {
  it('accepts only well-formed height reports', () => {
    expect(reportedHeight({ type: FRAME_HEIGHT_MESSAGE, height: 120 })).toBe(120);
    expect(reportedHeight({ type: FRAME_HEIGHT_MESSAGE, height: -1 })).toBeNull();
    expect(reportedHeight({ type: FRAME_HEIGHT_MESSAGE, height: '120' })).toBeNull();
    expect(reportedHeight({ type: 'other', height: 120 })).toBeNull();
    expect(reportedHeight('120')).toBeNull();
  });
});
