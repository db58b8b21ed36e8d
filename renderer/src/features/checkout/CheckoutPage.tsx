import { PlaceholderPage } from '../placeholder/PlaceholderPage.js';

/** 收银: the cashier's main screen. */
export function CheckoutPage() {
  return <PlaceholderPage section="checkout" />;
}
