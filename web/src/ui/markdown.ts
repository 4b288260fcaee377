/**
 * A small Markdown reader for text the dashboard did not write (the AI analyst quotes the project's docs). It turns
 * the text into plain data — blocks and inline spans — that `Markdown.tsx` renders as Preact nodes, so every piece of
 * the text reaches the page as a text node or an attribute set by Preact, never as HTML. Raw HTML in the text stays
 * literal text. Links keep their target only when it is http(s) or relative (see {@link safeHref}).
 *
 * Covered: ATX headings, paragraphs, bullet and numbered lists (nested by indentation), pipe tables, fenced and
 * indented code blocks, block quotes, thematic breaks; inline code, strong, emphasis, links, backslash escapes.
 * Markup that does not close is shown as the characters it is made of.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  /** href is null when the target is not allowed: the link's text is kept, the link is not */
  | { kind: 'link'; href: string | null; children: Inline[] };

export type Align = 'left' | 'center' | 'right' | null;

export type Block =
  /** level 1 to 6, as the number of `#` */
  | { kind: 'heading'; level: number; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { kind: 'table'; head: Inline[][] | null; align: Align[]; rows: Inline[][][] }
  | { kind: 'code'; language: string; text: string }
  | { kind: 'quote'; children: Block[] }
  | { kind: 'rule' };

/** Deeper nesting (lists in quotes in lists..., emphasis in links in emphasis...) is shown as plain text. */
const MAX_DEPTH = 8;

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const RULE = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])(\s+|$)/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

const isBlank = (line: string) => line.trim() === '';
const isTableRow = (line: string) => line.trimStart().startsWith('|');

/** Parses `text` into blocks. Never throws: any input is some Markdown. */
export function parseMarkdown(text: string): Block[] {
  return blocks(text.replace(/\r\n?/g, '\n').split('\n'), 0);
}

function blocks(lines: string[], depth: number): Block[] {
  if (depth > MAX_DEPTH) {
    const text = lines.join('\n').trim();
    return text === '' ? [] : [{ kind: 'paragraph', children: [{ kind: 'text', text }] }];
  }
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trimStart().startsWith(fence[1])) body.push(lines[i++]);
      i++; // the closing fence, or past the end when the block never closes (the rest is code, as in CommonMark)
      out.push({ kind: 'code', language: fence[2], text: body.join('\n') });
      continue;
    }
    if (line.startsWith('    ') || line.startsWith('\t')) {
      const body: string[] = [];
      while (i < lines.length && (lines[i].startsWith('    ') || lines[i].startsWith('\t') || isBlank(lines[i]))) {
        body.push(lines[i].startsWith('\t') ? lines[i].slice(1) : lines[i].slice(4));
        i++;
      }
      while (body.length > 0 && isBlank(body[body.length - 1])) body.pop();
      out.push({ kind: 'code', language: '', text: body.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push({ kind: 'heading', level: heading[1].length, children: inlines(heading[2] ?? '', depth) });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      out.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (/^ {0,3}>/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && /^ {0,3}>/.test(lines[i])) body.push(lines[i++].replace(/^ {0,3}> ?/, ''));
      out.push({ kind: 'quote', children: blocks(body, depth + 1) });
      continue;
    }
    if (isTableRow(line)) {
      const rows: string[] = [];
      while (i < lines.length && isTableRow(lines[i])) rows.push(lines[i++]);
      out.push(table(rows, depth));
      continue;
    }
    if (ITEM.test(line)) {
      i = list(lines, i, depth, out);
      continue;
    }
    const body: string[] = [];
    while (i < lines.length && !isBlank(lines[i]) && !startsBlock(lines[i])) body.push(lines[i++].trim());
    out.push({ kind: 'paragraph', children: inlines(body.join('\n'), depth) });
  }
  return out;
}

/** Whether `line` ends a paragraph by starting another block (an indented line continues the paragraph). */
function startsBlock(line: string): boolean {
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || /^ {0,3}>/.test(line) || isTableRow(line)
    || ITEM.test(line);
}

/** Reads the list that starts at `lines[start]` into `out`; returns the index of the first line after it. */
function list(lines: string[], start: number, depth: number, out: Block[]): number {
  const first = ITEM.exec(lines[start])!;
  const ordered = /\d/.test(first[2]);
  const items: Block[][] = [];
  let i = start;
  while (i < lines.length) {
    const m = ITEM.exec(lines[i]);
    if (!m || /\d/.test(m[2]) !== ordered) break;
    const indent = m[1].length + m[2].length + m[3].length;
    const body = [lines[i].slice(indent)];
    i++;
    // The item goes on over lines indented under its text, and over a paragraph's lazy continuation lines.
    while (i < lines.length) {
      const next = lines[i];
      const indented = next.length - next.trimStart().length >= Math.min(indent, 4);
      if (isBlank(next)) {
        if (i + 1 < lines.length && !isBlank(lines[i + 1])
          && lines[i + 1].length - lines[i + 1].trimStart().length >= Math.min(indent, 4)) {
          body.push('');
          i++;
          continue;
        }
        break;
      }
      if (indented) {
        body.push(next.slice(Math.min(indent, next.length - next.trimStart().length)));
      } else if (!startsBlock(next) && !isBlank(body[body.length - 1])) {
        body.push(next.trim());
      } else {
        break;
      }
      i++;
    }
    items.push(blocks(body, depth + 1));
    while (i < lines.length && isBlank(lines[i]) && i + 1 < lines.length && ITEM.test(lines[i + 1])) i++;
  }
  out.push({ kind: 'list', ordered, start: ordered ? Number.parseInt(first[2], 10) : 1, items });
  return i;
}

/** Splits a table row into its cells' source text; `\|` is a pipe inside a cell. */
function cells(row: string): string[] {
  let s = row.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const out: string[] = [];
  let cell = '';
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\\' && s[k + 1] === '|') {
      cell += '|';
      k++;
    } else if (s[k] === '|') {
      out.push(cell.trim());
      cell = '';
    } else {
      cell += s[k];
    }
  }
  out.push(cell.trim());
  return out;
}

/**
 * A block of `|` rows. With a separator row (`|---|:--:|`) the row above it is the header, as in GitHub's Markdown.
 * Without one the first row is still taken as the header: the analyst quotes a long table in pieces, each under the
 * table's header row but without the separator.
 */
function table(rows: string[], depth: number): Block {
  const hasSeparator = rows.length >= 2 && TABLE_SEPARATOR.test(rows[1]) && rows[1].includes('-');
  const head = cells(rows[0]);
  const align: Align[] = hasSeparator
    ? cells(rows[1]).map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right'
      : c.startsWith(':') ? 'left' : null))
    : [];
  const width = head.length;
  const body = rows.slice(hasSeparator ? 2 : 1).map((r) => {
    const c = cells(r);
    // Every row as wide as the header: missing cells are empty, extra ones are dropped (as GitHub does).
    return Array.from({ length: width }, (_, k) => inlines(c[k] ?? '', depth));
  });
  if (rows.length === 1) {
    return { kind: 'table', head: null, align: [], rows: [head.map((c) => inlines(c, depth))] };
  }
  return { kind: 'table', head: head.map((c) => inlines(c, depth)), align: Array.from({ length: width },
    (_, k) => align[k] ?? null), rows: body };
}

/**
 * Where a link may point: `http:` and `https:` URLs, and relative ones (a path, `?query` or `#fragment`). Anything
 * else — `javascript:`, `data:`, `vbscript:`, protocol-relative `//host` — gives null. A URL holding whitespace or
 * control characters is refused too, since browsers drop those inside a scheme (`java\tscript:`).
 */
export function safeHref(url: string): string | null {
  const u = url.trim();
  if (u === '' || /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(u) || u.startsWith('//') || u.startsWith('\\')) {
    return null;
  }
  const colon = u.indexOf(':');
  const pathEnd = u.search(/[/?#]/);
  if (colon >= 0 && (pathEnd < 0 || colon < pathEnd)) {
    return /^https?:\/\/[^/\\]/i.test(u) ? u : null;
  }
  return u;
}

const ESCAPABLE = new Set('\\`*_{}[]()#+-.!|<>~'.split(''));
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);

/** Parses inline markup. Soft line breaks become spaces; markup that does not close is literal text. */
export function inlines(text: string, depth = 0): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain !== '') out.push({ kind: 'text', text: plain });
    plain = '';
  };
  const push = (node: Inline) => {
    flush();
    out.push(node);
  };
  const s = text.replace(/[ \t]*\n[ \t]*/g, ' ');
  const nested = depth < MAX_DEPTH;
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === '\\' && ESCAPABLE.has(s[i + 1])) {
      plain += s[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      let n = 1;
      while (s[i + n] === '`') n++;
      const fence = s.slice(i, i + n);
      const close = findRun(s, fence, i + n);
      if (close >= 0) {
        const code = s.slice(i + n, close);
        push({ kind: 'code', text: code.length > 2 && code.startsWith(' ') && code.endsWith(' ') ? code.slice(1, -1)
          : code });
        i = close + n;
      } else {
        plain += fence;
        i += n;
      }
      continue;
    }
    if (c === '[' && nested) {
      const link = linkAt(s, i);
      if (link) {
        push({ kind: 'link', href: safeHref(link.url), children: inlines(link.label, depth + 1) });
        i = link.end;
        continue;
      }
    }
    if ((c === '*' || c === '_') && nested) {
      const double = s[i + 1] === c;
      const marker = double ? c + c : c;
      const close = emphasisClose(s, i, marker);
      if (close >= 0) {
        const children = inlines(s.slice(i + marker.length, close), depth + 1);
        push(double ? { kind: 'strong', children } : { kind: 'em', children });
        i = close + marker.length;
        continue;
      }
      plain += marker;
      i += marker.length;
      continue;
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}

/** Index of the next backtick run exactly as long as `fence` at or after `from`, or -1. */
function findRun(s: string, fence: string, from: number): number {
  let k = s.indexOf(fence, from);
  while (k >= 0) {
    if (s[k + fence.length] !== '`' && s[k - 1] !== '`') return k;
    let end = k;
    while (s[end] === '`') end++;
    k = s.indexOf(fence, end);
  }
  return -1;
}

/**
 * Index of the marker that closes the emphasis opened at `open`, or -1. An opener must be followed by a non-space and
 * a closer preceded by one; `_` must not touch a letter or digit outside (so `margin_used_pct` stays as written).
 */
function emphasisClose(s: string, open: number, marker: string): number {
  const first = marker[0];
  const after = s[open + marker.length];
  if (isSpace(after) || after === first) return -1;
  if (first === '_' && isWordChar(s[open - 1])) return -1;
  let k = s.indexOf(marker, open + marker.length + 1);
  while (k >= 0) {
    const next = s[k + marker.length];
    const closes = !isSpace(s[k - 1]) && s[k - 1] !== '\\' && next !== first && !(first === '_' && isWordChar(next));
    // A single marker must not be half of a double one (`*a **b** c*` closes at the last `*`).
    if (closes && !(marker.length === 1 && s[k - 1] === first)) return k;
    k = s.indexOf(marker, k + 1);
  }
  return -1;
}

/** The link `[label](url "title")` starting at `open`, or null when the text there is not one. */
function linkAt(s: string, open: number): { label: string; url: string; end: number } | null {
  let level = 0;
  let k = open;
  for (; k < s.length; k++) {
    if (s[k] === '\\') {
      k++;
    } else if (s[k] === '[') {
      level++;
    } else if (s[k] === ']' && --level === 0) {
      break;
    }
  }
  if (k >= s.length || s[k + 1] !== '(') return null;
  // The target may hold one level of balanced parentheses (`https://en.wikipedia.org/wiki/Greeks_(finance)`).
  const m = /^\(\s*<?((?:[^\s<>()]|\([^\s<>()]*\))*)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/.exec(s.slice(k + 1));
  if (!m) return null;
  return { label: s.slice(open + 1, k), url: m[1], end: k + 1 + m[0].length };
}
