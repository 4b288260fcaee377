import type { EnrichedChain } from '../../api/types';
import { price, vol } from '../../format/numbers';
import type { Side } from '../../state/legs';

export interface LadderPick {
  index: number;
  kind: 'call' | 'put';
  side: Side;
}

interface Props {
  chain: EnrichedChain;
  currency: string;
  /** strikes shown on each side of the ATM strike */
  around?: number;
  /** what a click on a bid (SELL) or an ask (BUY) does */
  onPick: (pick: LadderPick) => void;
  /** the symbol to highlight (the ticket's instrument) */
  selected?: string;
}

/**
 * A compact chain around the money, calls left and puts right, as on a broker's chain: the bid sells, the ask buys.
 * Every price is a button, so the ladder is used with Tab and Enter as well as the mouse.
 */
export function QuoteLadder({ chain, currency, around = 8, onPick, selected }: Props) {
  const atm = chain.strikes.reduce((best, k, i) =>
    (Math.abs(k - chain.atm_strike) < Math.abs(chain.strikes[best] - chain.atm_strike) ? i : best), 0);
  const from = Math.max(0, atm - around);
  const to = Math.min(chain.strikes.length, atm + around + 1);
  const rows = [];
  for (let i = from; i < to; i++) {
    const k = chain.strikes[i];
    const c = chain.calls[i];
    const p = chain.puts[i];
    const itmCall = k < chain.spot_price;
    const quote = (kind: 'call' | 'put', side: Side) => {
      const q = kind === 'call' ? c : p;
      const itm = kind === 'call' ? itmCall : !itmCall;
      const v = side === 'BUY' ? q.ask : q.bid;
      const label = `${side === 'BUY' ? 'Buy' : 'Sell'} ${chain.product} ${price(k, currency, 0)} `
        + `${kind === 'call' ? 'call' : 'put'} at ${price(v, currency)}`;
      return (
        <td class={`${side === 'BUY' ? 'ask' : 'bid'} ${itm ? 'itm' : ''}`}>
          <button type="button" class={`quote quote-${side === 'BUY' ? 'ask' : 'bid'}`} aria-label={label}
                  data-testid={`ladder-${kind}-${side === 'BUY' ? 'ask' : 'bid'}-${k}`} disabled={!(v > 0)}
                  onClick={() => onPick({ index: i, kind, side })}>{price(v, currency)}</button>
        </td>
      );
    };
    rows.push(
      <tr key={k} class={i === atm ? 'atm' : undefined}>
        <td class={`iv ${itmCall ? 'itm' : ''}`}>{vol(c.iv, 1)}</td>
        {quote('call', 'SELL')}
        {quote('call', 'BUY')}
        <th scope="row" class={`strike ${selected === c.symbol || selected === p.symbol ? 'selected' : ''}`}>
          {price(k, currency, 0)}
        </th>
        {quote('put', 'SELL')}
        {quote('put', 'BUY')}
        <td class={`iv ${itmCall ? '' : 'itm'}`}>{vol(p.iv, 1)}</td>
      </tr>,
    );
  }
  return (
    <table class="data ladder" aria-label={`${chain.product} ${chain.expiry} quotes: bid sells, ask buys`}>
      <thead>
        <tr>
          <th>Call IV</th><th>Call bid</th><th>Call ask</th><th>Strike</th><th>Put bid</th><th>Put ask</th>
          <th>Put IV</th>
        </tr>
      </thead>
      <tbody>{rows}</tbody>
    </table>
  );
}
