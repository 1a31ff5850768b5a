import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText, forbiddenXmlCharacter } from './xml-text.ts';

describe('escapeXmlText', () => {
  it('escapes markup and carriage returns, and leaves tabs, line feeds and other text alone', () => {
    expect(escapeXmlText('a & b < c > d "e" \'f\'')).toBe('a &amp; b &lt; c &gt; d "e" \'f\'');
    expect(escapeXmlText('x\r\ny\tz\n')).toBe('x&#13;\ny\tz\n');
    expect(escapeXmlText('Hà Nội 😀')).toBe('Hà Nội 😀');
  });
});

describe('escapeXmlAttribute', () => {
  it('also escapes quotes and the whitespace that attribute normalisation would turn into spaces', () => {
    expect(escapeXmlAttribute('6_DL_QuanLy_HanNgach ')).toBe('6_DL_QuanLy_HanNgach ');
    expect(escapeXmlAttribute('"a"\t<b>\n&')).toBe('&quot;a&quot;&#9;&lt;b&gt;&#10;&amp;');
  });
});

describe('forbiddenXmlCharacter', () => {
  it('finds control characters, U+FFFE/U+FFFF and lone surrogates, and accepts the rest', () => {
    expect(forbiddenXmlCharacter('ok\t\n\r Đ 😀 \uE000 \uFFFD')).toBeUndefined();
    expect(forbiddenXmlCharacter('a\u0000b')).toBe('U+0000');
    expect(forbiddenXmlCharacter('bell\u0007')).toBe('U+0007');
    expect(forbiddenXmlCharacter('\u001F')).toBe('U+001F');
    expect(forbiddenXmlCharacter('\uFFFF')).toBe('U+FFFF');
    expect(forbiddenXmlCharacter('high \uD83D alone')).toBe('U+D83D');
    expect(forbiddenXmlCharacter('low \uDE00 alone')).toBe('U+DE00');
  });
});
