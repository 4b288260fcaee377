import type { Instrument } from '../../state/products';
import { setQuery } from '../../state/route';

/** The product chooser of a screen's toolbar; `onChange` defaults to selecting it in the URL (expiry reset). */
export function ProductSelect({ products, product, label = 'Product', onChange }: {
  products: readonly Instrument[];
  product: string;
  label?: string;
  onChange?: (product: string) => void;
}) {
  const change = onChange ?? ((p: string) => setQuery({ product: p, expiry: undefined }));
  return (
    <label>{label}
      <select value={product} onChange={(e) => change((e.target as HTMLSelectElement).value)}>
        {products.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
      </select>
    </label>
  );
}

/** The expiry chooser: selects the expiry in the URL. */
export function ExpirySelect({ expiries, expiry }: { expiries: readonly string[]; expiry: string | undefined }) {
  return (
    <label>Expiry
      <select value={expiry ?? ''} onChange={(e) => setQuery({ expiry: (e.target as HTMLSelectElement).value })}>
        {expiries.map((x) => <option key={x} value={x}>{x}</option>)}
      </select>
    </label>
  );
}
