import { Store } from '../../state/store';
import type { StockLeg } from './legs';

/** The strategy's leg in the underlying (a covered call's stock), beside the option legs of `state/legs`. */
export const stockLeg = new Store<StockLeg | null>(null);
