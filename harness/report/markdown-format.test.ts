import { describe, expect, it } from 'vitest';
import {
  codeSpan,
  countOf,
  details,
  escapeHtml,
  escapeInline,
  fileLink,
  plural,
  shorten,
  table,
} from './markdown-format.ts';

describe('markdown formatters', () => {
  it('escapes table cells: pipes, emphasis, brackets, newlines', () => {
    expect(escapeInline('a|b *c*\nd')).toBe('a\\|b \\*c\\* d');
    expect(escapeInline('[x](y) <b> _u_ `c` \\')).toBe('\\[x\\](y) \\<b\\> \\_u\\_ \\`c\\` \\\\');
  });

  it('picks a code fence longer than any backtick run, and escapes pipes only in tables', () => {
    expect(codeSpan('x || y')).toBe('`x \\|\\| y`');
    expect(codeSpan('x || y', false)).toBe('`x || y`');
    expect(codeSpan('a `b` c')).toBe('``a `b` c``');
    expect(codeSpan('`a`')).toBe('`` `a` ``');
    expect(codeSpan('a\nb')).toBe('`a b`');
  });

  it('builds a table with right-aligned columns and pads short rows', () => {
    expect(table(['a', 'n'], [['x', '1'], ['y']], ['left', 'right'])).toBe(
      '| a | n |\n| --- | ---: |\n| x | 1 |\n| y |  |',
    );
  });

  it('collapses a block behind an escaped summary, leaving blank lines for the Markdown inside', () => {
    expect(details('Plans <all>', '| a |')).toBe(
      '<details>\n<summary>Plans &lt;all&gt;</summary>\n\n| a |\n\n</details>',
    );
    expect(escapeHtml('a & b')).toBe('a &amp; b');
  });

  it('links files with encoded paths and escaped text, shortens, counts', () => {
    expect(fileLink('plans [all]', 'appendix plans.md')).toBe('[plans \\[all\\]](appendix%20plans.md)');
    expect(shorten('abcdef', 4)).toBe('abc…');
    expect(shorten('abc', 4)).toBe('abc');
    expect([plural(1), plural(0), plural(2)]).toEqual(['', 's', 's']);
    expect([countOf(1, 'case'), countOf(1200, 'row')]).toEqual(['1 case', '1,200 rows']);
  });
});
