import type { ComponentChildren } from 'preact';
import { type Block, type Inline, parseMarkdown } from './markdown';
import './markdown.css';

function inline(nodes: Inline[]): ComponentChildren[] {
  return nodes.map((n) => {
    switch (n.kind) {
      case 'text': return n.text;
      case 'code': return <code>{n.text}</code>;
      case 'strong': return <strong>{inline(n.children)}</strong>;
      case 'em': return <em>{inline(n.children)}</em>;
      case 'link': return n.href === null ? <span class="md-unlinked">{inline(n.children)}</span>
        : <a href={n.href} target="_blank" rel="noopener noreferrer">{inline(n.children)}</a>;
    }
  });
}

function block(b: Block, headingBase: number): ComponentChildren {
  switch (b.kind) {
    case 'heading': {
      const Tag = `h${Math.min(6, b.level + headingBase - 1)}` as 'h3';
      return <Tag class="md-heading">{inline(b.children)}</Tag>;
    }
    case 'paragraph': return <p>{inline(b.children)}</p>;
    case 'list': {
      const items = b.items.map((item) => <li>{blocks(item, headingBase)}</li>);
      return b.ordered ? <ol start={b.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table': return (
      <div class="md-table">
        <table>
          {b.head && <thead><tr>{b.head.map((c, k) => <th scope="col" style={b.align[k] ? { textAlign: b.align[k] }
            : undefined}>{inline(c)}</th>)}</tr></thead>}
          <tbody>{b.rows.map((r) => <tr>{r.map((c, k) => <td style={b.align[k] ? { textAlign: b.align[k] }
            : undefined}>{inline(c)}</td>)}</tr>)}</tbody>
        </table>
      </div>
    );
    case 'code': return <pre><code data-language={b.language || undefined}>{b.text}</code></pre>;
    case 'quote': return <blockquote>{blocks(b.children, headingBase)}</blockquote>;
    case 'rule': return <hr />;
  }
}

function blocks(list: Block[], headingBase: number): ComponentChildren[] {
  return list.map((b) => block(b, headingBase));
}

/**
 * Markdown from outside the dashboard (docs quoted by the AI analyst) as Preact nodes: no HTML is ever parsed from
 * the text, and links only keep http(s) and relative targets.
 * @param headingBase the HTML level of a `#` heading (its page's outline continues below it), 1–6
 */
export function Markdown({ text, headingBase = 3, class: className }: { text: string; headingBase?: number;
  class?: string }) {
  return <div class={`markdown${className ? ` ${className}` : ''}`}>{blocks(parseMarkdown(text), headingBase)}</div>;
}
