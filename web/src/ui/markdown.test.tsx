import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown } from './Markdown';
import { inlines, parseMarkdown, safeHref } from './markdown';

const text = (t: string) => ({ kind: 'text', text: t });

function shown(markdown: string): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  render(<Markdown text={markdown} />, host);
  return host;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('parseMarkdown blocks', () => {
  it('reads headings, paragraphs with soft breaks, and thematic breaks', () => {
    expect(parseMarkdown('# Title #\n\nOne line\nand the next\n\n---\n### Deep')).toEqual([
      { kind: 'heading', level: 1, children: [text('Title')] },
      { kind: 'paragraph', children: [text('One line and the next')] },
      { kind: 'rule' },
      { kind: 'heading', level: 3, children: [text('Deep')] },
    ]);
    expect(parseMarkdown('#hashtag')).toEqual([{ kind: 'paragraph', children: [text('#hashtag')] }]);
  });

  it('reads bullet and numbered lists, nested by indentation', () => {
    expect(parseMarkdown('- a\n- b\n  - b1\n  - b2\n- c\ncontinued\n\n3. three\n4. four')).toEqual([
      { kind: 'list', ordered: false, start: 1, items: [
        [{ kind: 'paragraph', children: [text('a')] }],
        [{ kind: 'paragraph', children: [text('b')] }, { kind: 'list', ordered: false, start: 1, items: [
          [{ kind: 'paragraph', children: [text('b1')] }], [{ kind: 'paragraph', children: [text('b2')] }]] }],
        [{ kind: 'paragraph', children: [text('c continued')] }],
      ] },
      { kind: 'list', ordered: true, start: 3, items: [
        [{ kind: 'paragraph', children: [text('three')] }], [{ kind: 'paragraph', children: [text('four')] }]] },
    ]);
  });

  it('reads a table with its separator row, alignment and escaped pipes', () => {
    expect(parseMarkdown('| var | default |\n|:---|--:|\n| `A_B` | 1 \\| 2 |\n| short |')).toEqual([{
      kind: 'table', head: [[text('var')], [text('default')]], align: ['left', 'right'],
      rows: [[[{ kind: 'code', text: 'A_B' }], [text('1 | 2')]], [[text('short')], []]],
    }]);
  });

  it('takes the first row as the header of a quoted table piece without a separator', () => {
    const [t] = parseMarkdown('From "README", Config (README.md):\n| variable | meaning |\n| `X` | exposure |');
    expect(t).toEqual({ kind: 'paragraph', children: [text('From "README", Config (README.md):')] });
    expect(parseMarkdown('| variable | meaning |\n| `X` | exposure |')[0]).toEqual({ kind: 'table',
      head: [[text('variable')], [text('meaning')]], align: [null, null],
      rows: [[[{ kind: 'code', text: 'X' }], [text('exposure')]]] });
  });

  it('keeps fenced and indented code verbatim, even when the fence never closes', () => {
    expect(parseMarkdown('```bash\n./deltastream run **not bold**\n```\n\n    indented <b>\n\nafter')).toEqual([
      { kind: 'code', language: 'bash', text: './deltastream run **not bold**' },
      { kind: 'code', language: '', text: 'indented <b>' },
      { kind: 'paragraph', children: [text('after')] },
    ]);
    expect(parseMarkdown('```\nopen\n# not a heading')).toEqual([
      { kind: 'code', language: '', text: 'open\n# not a heading' }]);
  });

  it('reads block quotes', () => {
    expect(parseMarkdown('> quoted *text*\n> more')).toEqual([{ kind: 'quote', children: [
      { kind: 'paragraph', children: [text('quoted '), { kind: 'em', children: [text('text')] }, text(' more')] }] }]);
  });

  it('survives pathological nesting without deep recursion', () => {
    const deep = '> '.repeat(200) + '- '.repeat(200) + '['.repeat(500) + 'x' + '*'.repeat(500);
    expect(() => parseMarkdown(deep)).not.toThrow();
    expect(JSON.stringify(parseMarkdown(deep))).toContain('x');
  });
});

describe('inlines', () => {
  it('reads code, strong, emphasis and links', () => {
    expect(inlines('`a*b*` **bold _it_** *em* [docs](docs/x.md#y)')).toEqual([
      { kind: 'code', text: 'a*b*' }, text(' '),
      { kind: 'strong', children: [text('bold '), { kind: 'em', children: [text('it')] }] }, text(' '),
      { kind: 'em', children: [text('em')] }, text(' '),
      { kind: 'link', href: 'docs/x.md#y', children: [text('docs')] },
    ]);
    expect(inlines('[Greeks](https://en.wikipedia.org/wiki/Greeks_(finance))')).toEqual([{ kind: 'link',
      href: 'https://en.wikipedia.org/wiki/Greeks_(finance)', children: [text('Greeks')] }]);
  });

  it('leaves snake_case names, lone stars and unbalanced markup as written', () => {
    expect(inlines('margin_available = cash - margin_used')).toEqual([text('margin_available = cash - margin_used')]);
    expect(inlines('2 * 3 * 4')).toEqual([text('2 * 3 * 4')]);
    expect(inlines('**open `tick [link](x')).toEqual([text('**open `tick [link](x')]);
    expect(inlines('\\*not em\\*')).toEqual([text('*not em*')]);
  });
});

describe('safeHref', () => {
  it('allows http(s) and relative targets', () => {
    for (const ok of ['https://example.com/a?b#c', 'HTTP://example.com', 'docs/performance.md', '/api/docs',
      '#section', '?q=1', 'a/b:c']) {
      expect(safeHref(ok)).toBe(ok);
    }
  });

  it('refuses script, data and other schemes, protocol-relative and obfuscated targets', () => {
    for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD4=', 'vbscript:x', '//evil.example/x', '\\\\evil', 'mailto:a@b.c',
      'https:evil', 'https://', 'file:///etc/passwd', '']) {
      expect(safeHref(bad)).toBeNull();
    }
  });
});

describe('Markdown rendering', () => {
  it('renders the elements, never raw HTML from the text', () => {
    const host = shown('## Margin\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n'
      + '| a | b |\n|---|---|\n| **1** | <b>2</b> |\n\n- `x`\n- [ok](https://example.com)');
    expect(host.querySelector('h4')?.textContent).toBe('Margin');
    expect(host.querySelector('script, img, b')).toBeNull();
    expect(host.textContent).toContain('<script>alert(1)</script>');
    expect(host.textContent).toContain('<img src=x onerror=alert(1)>');
    expect([...host.querySelectorAll('th')].map((th) => th.textContent)).toEqual(['a', 'b']);
    expect(host.querySelector('td strong')?.textContent).toBe('1');
    expect(host.querySelectorAll('td')[1].textContent).toBe('<b>2</b>');
    expect(host.querySelector('li code')?.textContent).toBe('x');
    const a = host.querySelector('a')!;
    expect(a.getAttribute('href')).toBe('https://example.com');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('keeps a refused link\'s text without a link', () => {
    const host = shown('[click](javascript:alert(document.cookie)) and [x](data:text/html,<script>1</script>)');
    expect(host.querySelector('a')).toBeNull();
    expect(host.querySelector('script')).toBeNull();
    expect(host.querySelector('.md-unlinked')?.textContent).toBe('click');
    expect(host.innerHTML).not.toMatch(/javascript:|href/);
  });

  it('numbers an ordered list from its first number', () => {
    const host = shown('7. seven\n8. eight');
    expect(host.querySelector('ol')?.getAttribute('start')).toBe('7');
    expect(host.querySelectorAll('ol > li')).toHaveLength(2);
  });
});
