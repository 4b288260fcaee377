import type { EnrichedChain, Quote } from '../../api/types';
import { price } from '../../format/numbers';
import { BUILDUP_TITLE, COLUMNS, putOrder, STRIKE_WIDTH, type Column } from './columns';
import { spotRow, strikeWindow } from './window';

type Side = 'call' | 'put';

/** A cell's horizontal padding plus border, px (chain.css). */
const CELL_PADDING_PX = 11;
const CELL_FONT = '12px';
const BOLD_FONT = '600 12px';
const HEADER_FONT = '600 11.5px';

/** Measures text as the table draws it (its font family at the given weight and size), in px. */
function textMeasure(table: HTMLElement): (text: string, font: string) => number {
  const ctx = document.createElement('canvas').getContext('2d');
  const family = getComputedStyle(table).fontFamily || 'sans-serif';
  return (text, font) => {
    if (!ctx) return text.length * 7.5;
    ctx.font = `${font} ${family}`;
    return ctx.measureText(text).width;
  };
}

interface Cell {
  td: HTMLTableCellElement;
  /** The value's box (its highlight), with a fixed size so that a new text does not resize the row. */
  box: HTMLSpanElement;
  /** The value's text node: updated in place, so no layout object is created or destroyed on an update. */
  textNode: Text;
  base: string;
  value: number | null;
  text: string;
  itm: boolean;
  /** 'up' or 'down' while the cell shows a change, '' otherwise. */
  flash: string;
  /** The update that set the flash (a later update's timer must not clear an earlier one's, or the reverse). */
  flashedBy: number;
  bar: number;
}

/** How long a changed cell stays highlighted, ms. */
const FLASH_MS = 700;
/** Rows beyond the visible ones that are kept current, so that a short scroll shows no stale row. */
const ROW_MARGIN = 2;

interface Row {
  tr: HTMLTableRowElement;
  /** Out of view when the last update came: it shows older figures until scrolled into view. */
  stale: boolean;
  strike: number;
  strikeCell: HTMLTableCellElement;
  atm: boolean;
  calls: Cell[];
  puts: Cell[];
}

/** What a click on a bid or ask asks for: that option, on that side, at that price. */
export interface LegRequest {
  quote: Quote;
  side: 'BUY' | 'SELL';
  price: number;
}

/**
 * The option chain table, written straight to the DOM: built once per layout (strike window, columns), then each
 * update only rewrites the cells whose text changed and highlights them green or red by the direction of the change —
 * no re-render of the table, so a 101-strike chain costs a few milliseconds per update.
 */
export class ChainTable {
  readonly table: HTMLTableElement;
  private readonly tbody: HTMLTableSectionElement;
  private readonly thead: HTMLTableSectionElement;
  private readonly colgroup: HTMLTableColElement;
  private readonly spotLine: HTMLTableRowElement;
  private readonly spotText: HTMLTableCellElement;
  private rows: Row[] = [];
  private callColumns: Column[] = [];
  private putColumns: Column[] = [];
  private layoutKey = '';
  private chain: EnrichedChain | null = null;
  private from = 0;
  private spotAt = -1;
  private generation = 0;
  private flashed: Cell[] = [];
  private maxOi = 1;
  /** Longest text per column id when its width was measured: a longer text would overflow its cell. */
  private measuredChars = new Map<string, number>();
  /** Set when a text outgrew its column during a patch: the layout is measured again at once. */
  private outgrown = false;
  private rowHeight = 0;
  private headHeight = 0;
  private catchUpQueued = false;

  /** @param host the scrolling element that holds the table: only its visible rows are patched on an update */
  constructor(
    private readonly host: HTMLElement,
    private visible: string[],
    private size: number,
    private readonly onLeg: (leg: LegRequest) => void,
  ) {
    this.table = document.createElement('table');
    this.table.className = 'data chain';
    this.table.dataset.testid = 'chain-table';
    this.colgroup = document.createElement('colgroup');
    this.table.append(this.colgroup);
    this.thead = this.table.createTHead();
    this.tbody = this.table.createTBody();
    this.spotLine = document.createElement('tr');
    this.spotLine.className = 'spot-line';
    this.spotText = this.spotLine.insertCell();
    host.replaceChildren(this.table);
    host.addEventListener('scroll', this.onViewChange, { passive: true });
    addEventListener('resize', this.onViewChange, { passive: true });
    this.tbody.addEventListener('click', (e) => this.legFrom(e.target));
    this.tbody.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.legFrom(e.target);
      }
    });
  }

  private readonly onViewChange = () => this.queueCatchUp();

  /** Stops listening to the window (the table goes with its host). */
  dispose(): void {
    removeEventListener('resize', this.onViewChange);
    this.host.removeEventListener('scroll', this.onViewChange);
  }

  setColumns(visible: string[]): void {
    this.visible = visible;
    this.redraw();
  }

  setSize(size: number): void {
    this.size = size;
    this.redraw();
  }

  private redraw(): void {
    this.layoutKey = '';
    if (this.chain) this.update(this.chain, this.currency);
  }

  private currency = 'USD';

  /** Shows `chain`; cells whose text changed since the previous chain flash. */
  update(chain: EnrichedChain, currency: string): void {
    this.chain = chain;
    this.currency = currency;
    const [from, to] = strikeWindow(chain.strikes, chain.spot_price, this.size);
    const key = `${currency}|${this.visible.join(',')}|${chain.strikes.slice(from, to).join(',')}`;
    const fresh = key !== this.layoutKey;
    if (fresh) this.build(chain, from, to, key);
    this.patch(chain, currency, fresh);
    this.refitIfOutgrown();
  }

  /** Widens the columns (only their widths: the rows stay the same elements) when a text outgrew its column. */
  private refitIfOutgrown(): void {
    if (!this.outgrown || !this.chain) return;
    this.outgrown = false;
    this.sizeColumns(this.chain, this.from, this.from + this.rows.length);
  }

  private build(chain: EnrichedChain, from: number, to: number, key: string): void {
    this.layoutKey = key;
    this.from = from;
    this.callColumns = COLUMNS.filter((c) => this.visible.includes(c.id));
    this.putColumns = putOrder(this.callColumns);
    const n = this.callColumns.length;
    this.sizeColumns(chain, from, to);
    this.thead.innerHTML = '';
    const group = this.thead.insertRow();
    group.className = 'group';
    const calls = document.createElement('th');
    calls.colSpan = n;
    calls.className = 'calls-head';
    calls.textContent = 'CALLS';
    const mid = document.createElement('th');
    mid.className = 'strike';
    const puts = document.createElement('th');
    puts.colSpan = n;
    puts.className = 'puts-head';
    puts.textContent = 'PUTS';
    group.append(calls, mid, puts);
    const labels = this.thead.insertRow();
    const head = (c: Column, side: Side) => {
      const th = document.createElement('th');
      th.textContent = c.label;
      th.title = `${side === 'call' ? 'Call' : 'Put'} ${c.title}`;
      th.className = `${side[0]} ${c.id}`;
      th.scope = 'col';
      return th;
    };
    labels.append(...this.callColumns.map((c) => head(c, 'call')));
    const strikeHead = document.createElement('th');
    strikeHead.textContent = 'Strike';
    strikeHead.className = 'strike';
    strikeHead.scope = 'col';
    labels.append(strikeHead, ...this.putColumns.map((c) => head(c, 'put')));

    this.spotText.colSpan = 2 * n + 1;
    this.spotAt = -1;
    const rows: Row[] = [];
    const fragment = document.createDocumentFragment();
    for (let i = from; i < to; i++) {
      const tr = document.createElement('tr');
      tr.dataset.strike = String(chain.strikes[i]);
      const callCells = this.callColumns.map((c) => this.cell(tr, c, 'call', i - from));
      const strikeCell = document.createElement('th');
      strikeCell.scope = 'row';
      strikeCell.className = 'strike';
      strikeCell.textContent = price(chain.strikes[i], this.currency, Number.isInteger(chain.strikes[i]) ? 0 : 2);
      tr.append(strikeCell);
      const putCells = this.putColumns.map((c) => this.cell(tr, c, 'put', i - from));
      rows.push({ tr, stale: false, strike: chain.strikes[i], strikeCell, atm: false, calls: callCells,
        puts: putCells });
      fragment.append(tr);
    }
    this.rows = rows;
    this.tbody.replaceChildren(fragment);
    // Measured once per layout (the one forced layout of a rebuild), then used to find the rows in view.
    this.rowHeight = 0;
    this.headHeight = 0;
  }

  /** Sets each column's width to its widest text in rows [from, to) of `chain`. */
  private sizeColumns(chain: EnrichedChain, from: number, to: number): void {
    const n = this.callColumns.length;
    const col = (width: number) => {
      const c = document.createElement('col');
      c.style.width = `${width}px`;
      return c;
    };
    // Each column as wide as its widest text in this window (measured in the table's font); the layout is fixed,
    // so updates never re-measure the table, and the least widths leave room for prices that grow a digit later.
    const measure = textMeasure(this.table);
    this.measuredChars = new Map();
    const width = (c: Column) => {
      let px = measure(c.label, HEADER_FONT);
      let chars = 0;
      const font = c.leg ? BOLD_FONT : CELL_FONT;
      for (let i = from; i < to; i++) {
        const call = c.text(chain.calls[i], this.currency);
        const put = c.text(chain.puts[i], this.currency);
        px = Math.max(px, measure(call, font), measure(put, font));
        chars = Math.max(chars, call.length, put.length);
      }
      this.measuredChars.set(c.id, chars);
      // Canvas text has proportional digits; the table uses tabular ones, a little wider.
      return Math.max(c.width, Math.ceil(px * 1.03) + 2);
    };
    const widths = new Map(this.callColumns.map((c) => [c.id, width(c)]));
    // Column widths are content widths: the table also holds every cell's padding.
    let total = STRIKE_WIDTH + (2 * n + 1) * CELL_PADDING_PX;
    for (const w of widths.values()) total += 2 * w;
    this.table.style.width = `${total}px`;
    this.colgroup.replaceChildren(...this.callColumns.map((c) => col(widths.get(c.id)!)), col(STRIKE_WIDTH),
      ...this.putColumns.map((c) => col(widths.get(c.id)!)));
  }

  /** [first, last) indexes of the rows in view (with a margin); all rows when the host is not laid out yet. */
  private rowsInView(): [number, number] {
    const n = this.rows.length;
    if (this.rowHeight === 0 && n > 0) {
      this.rowHeight = this.rows[0].tr.offsetHeight;
      this.headHeight = this.thead.offsetHeight;
    }
    const height = this.host.clientHeight;
    if (this.rowHeight === 0 || height === 0) return [0, n];
    const top = this.host.scrollTop - this.headHeight;
    const first = Math.max(0, Math.floor(top / this.rowHeight) - ROW_MARGIN);
    const last = Math.min(n, Math.ceil((top + height) / this.rowHeight) + ROW_MARGIN);
    return [first, last];
  }

  private queueCatchUp(): void {
    if (this.catchUpQueued) return;
    this.catchUpQueued = true;
    requestAnimationFrame(() => {
      this.catchUpQueued = false;
      this.catchUp();
    });
  }

  /** Brings rows that scrolled into view up to the latest chain (without highlights: the change is not new). */
  private catchUp(): void {
    const chain = this.chain;
    if (!chain) return;
    const [first, last] = this.rowsInView();
    for (let r = first; r < last; r++) {
      if (this.rows[r].stale) this.patchRow(r, chain, this.currency, true);
    }
    this.refitIfOutgrown();
  }

  private cell(tr: HTMLTableRowElement, c: Column, side: Side, row: number): Cell {
    const td = document.createElement('td');
    const base = `${side[0]} ${c.id}`;
    td.className = base;
    if (c.leg) {
      td.tabIndex = 0;
      td.setAttribute('role', 'button');
      td.dataset.leg = c.leg;
      td.dataset.side = side;
      td.dataset.row = String(row);
    }
    const box = document.createElement('span');
    box.className = 'v';
    const textNode = document.createTextNode('');
    box.append(textNode);
    td.append(box);
    tr.append(td);
    return { td, box, textNode, base, value: null, text: '', itm: false, flash: '', flashedBy: 0, bar: -1 };
  }

  private patch(chain: EnrichedChain, currency: string, fresh: boolean): void {
    const spot = chain.spot_price;
    this.generation++;
    this.flashed = [];
    let maxOi = 1;
    for (let r = 0; r < this.rows.length; r++) {
      const i = this.from + r;
      maxOi = Math.max(maxOi, chain.calls[i].open_interest, chain.puts[i].open_interest);
    }
    this.maxOi = maxOi;
    const [first, last] = this.rowsInView();
    for (let r = 0; r < this.rows.length; r++) {
      if (r >= first && r < last) {
        this.patchRow(r, chain, currency, fresh || this.rows[r].stale);
      } else {
        this.rows[r].stale = true;
      }
    }
    const at = spotRow(chain.strikes, spot, this.from, this.from + this.rows.length);
    if (at !== this.spotAt) {
      this.spotAt = at;
      this.tbody.insertBefore(this.spotLine, this.rows[at]?.tr ?? null);
    }
    const spotText = `Spot ${price(spot, currency)}`;
    if (this.spotText.textContent !== spotText) this.spotText.textContent = spotText;
    // One timer per update turns its highlights off (a static highlight costs no repaint per frame, unlike a fade).
    const generation = this.generation;
    const flashed = this.flashed;
    if (flashed.length > 0) {
      setTimeout(() => {
        for (const cell of flashed) {
          if (cell.flashedBy === generation) {
            cell.flash = '';
            cell.box.className = 'v';
          }
        }
      }, FLASH_MS);
    }
  }

  private patchRow(r: number, chain: EnrichedChain, currency: string, fresh: boolean): void {
    const row = this.rows[r];
    const i = this.from + r;
    const spot = chain.spot_price;
    row.stale = false;
    const atm = row.strike === chain.atm_strike;
    if (atm !== row.atm) {
      row.atm = atm;
      row.tr.classList.toggle('atm', atm);
    }
    this.patchSide(row.calls, this.callColumns, chain.calls[i], currency, row.strike < spot, this.maxOi, fresh);
    this.patchSide(row.puts, this.putColumns, chain.puts[i], currency, row.strike > spot, this.maxOi, fresh);
  }

  private patchSide(cells: Cell[], columns: Column[], q: Quote, currency: string, itm: boolean, maxOi: number,
    fresh: boolean): void {
    for (let k = 0; k < cells.length; k++) {
      const cell = cells[k];
      const c = columns[k];
      const text = c.text(q, currency);
      const value = c.value(q);
      if (text !== cell.text) {
        cell.textNode.data = text;
        // Digits are tabular, so a text no longer than the longest one measured fits (the widths have slack besides).
        if (text.length > (this.measuredChars.get(c.id) ?? 0)) this.outgrown = true;
        if (!fresh && value !== null && cell.value !== null && value !== cell.value) {
          const flash = value > cell.value ? 'up' : 'down';
          cell.flashedBy = this.generation;
          this.flashed.push(cell);
          if (flash !== cell.flash) {
            cell.flash = flash;
            cell.box.className = `v flash-${flash}`;
          }
        }
        cell.text = text;
        if (c.id === 'buildup' && q.buildup) {
          cell.td.title = BUILDUP_TITLE[q.buildup];
          cell.td.dataset.buildup = q.buildup;
        }
      }
      cell.value = value;
      if (c.id === 'oi') {
        const bar = Math.round((q.open_interest / maxOi) * 100);
        if (bar !== cell.bar) {
          cell.bar = bar;
          cell.td.style.setProperty('--bar', `${bar}%`);
        }
      }
      if (itm !== cell.itm) {
        cell.itm = itm;
        cell.td.className = itm ? `${cell.base} itm` : cell.base;
      }
    }
  }

  private legFrom(target: EventTarget | null): void {
    const td = (target as HTMLElement | null)?.closest?.('td[data-leg]') as HTMLElement | null;
    if (!td || !this.chain) return;
    const i = this.from + Number(td.dataset.row);
    const quote = td.dataset.side === 'call' ? this.chain.calls[i] : this.chain.puts[i];
    const side = td.dataset.leg as 'BUY' | 'SELL';
    if (!quote) return;
    this.onLeg({ quote, side, price: side === 'BUY' ? quote.ask : quote.bid });
  }
}
