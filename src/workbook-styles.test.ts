import { describe, expect, it } from 'vitest';
import { SHEET_DEFINITIONS } from './sheet-definitions.ts';
import { buildWorkbookStyles } from './workbook-styles.ts';

/** The `<xf>` elements of cellXfs, in order. */
function cellFormats(xml: string): string[] {
  const section = /<cellXfs count="(\d+)">(.*)<\/cellXfs>/.exec(xml);
  const formats = section?.[2]?.match(/<xf [^>]*\/>/g) ?? [];
  expect(formats).toHaveLength(Number(section?.[1]));
  return formats;
}

function part(xml: string, tag: string, index: number): string {
  const section = new RegExp(`<${tag}s count="\\d+">(.*?)</${tag}s>`).exec(xml)?.[1] ?? '';
  return section.match(new RegExp(`<${tag}>.*?</${tag}>|<${tag}/>`, 'g'))?.[index] ?? '';
}

function attribute(element: string, name: string): number {
  return Number(new RegExp(`${name}="(\\d+)"`).exec(element)?.[1]);
}

describe('buildWorkbookStyles', () => {
  const styles = buildWorkbookStyles(SHEET_DEFINITIONS);
  const formats = cellFormats(styles.xml);

  it('gives each data cell the font name and size of its header, not bold, and the same border', () => {
    for (const definition of SHEET_DEFINITIONS) {
      const headerIds = styles.headerStyleIds.get(definition.name) ?? [];
      const dataIds = styles.dataStyleIds.get(definition.name) ?? [];
      expect(headerIds).toHaveLength(definition.headers.length);
      definition.headers.forEach((_, column) => {
        const header = formats[headerIds[column] ?? -1] ?? '';
        const data = formats[dataIds[column] ?? -1] ?? '';
        const headerFont = part(styles.xml, 'font', attribute(header, 'fontId'));
        const dataFont = part(styles.xml, 'font', attribute(data, 'fontId'));
        const size = definition.headerFonts[column]?.sizePt;
        expect(headerFont).toBe(`<font><b/><sz val="${size}"/><name val="Arial"/></font>`);
        expect(dataFont).toBe(`<font><sz val="${size}"/><name val="Arial"/></font>`);
        expect(attribute(data, 'borderId')).toBe(attribute(header, 'borderId'));
        const border = part(styles.xml, 'border', attribute(header, 'borderId'));
        for (const side of ['left', 'right', 'top', 'bottom'] as const) {
          const thin = border.includes(`<${side} style="thin"><color indexed="64"/></${side}>`);
          expect(thin, `${definition.name} column ${column + 1} ${side}`).toBe(
            definition.headerBorders[column]?.includes(side),
          );
        }
      });
    }
  });

  it('deduplicates: a handful of formats whatever the number of columns', () => {
    // Fonts: Arial 10 and 11, bold or not. Borders: none, and the five combinations the template uses.
    expect(formats.length).toBeLessThan(20);
    expect(formats[0]).toBe('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    expect(part(styles.xml, 'font', 0)).toBe(
      '<font><sz val="11"/><name val="Aptos Narrow"/><family val="2"/></font>',
    );
  });
});
