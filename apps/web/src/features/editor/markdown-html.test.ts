import { describe, expect, it } from 'vitest';
import { markdownToHtml } from './markdown-html.ts';

describe('markdownToHtml', () => {
  it('renders Markdown with inline and display math typeset by KaTeX', () => {
    const html = markdownToHtml('# Loss\n\nMean squared error $L = \\frac{1}{n}\\sum_i (y_i - \\hat y_i)^2$:\n\n$$\n\\nabla_w L\n$$\n');
    expect(html).toContain('<h1>Loss</h1>');
    expect(html).toMatch(/<p>Mean squared error <span class="katex">.*<\/span>:<\/p>/s);
    expect(html).toMatch(/<div class="math-display"><span class="katex-display">/);
    expect(html).not.toContain('$');
  });

  it('leaves prices and code alone', () => {
    const html = markdownToHtml('It costs $5 and $10.\n\n`echo $HOME`');
    expect(html).toContain('It costs $5 and $10.');
    expect(html).toContain('<code>echo $HOME</code>');
    expect(html).not.toContain('katex');
  });

  it('shows a TeX error in place instead of throwing', () => {
    expect(markdownToHtml('$\\frac{1}$')).toContain('katex-error');
  });
});
