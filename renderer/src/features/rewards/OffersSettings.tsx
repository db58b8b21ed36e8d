import { CountCardTypes } from './CountCardTypes.js';
import { CouponTemplates } from './CouponTemplates.js';
import { TopUpRulesForm } from './TopUpRulesForm.js';
import '../members/members.css';
import './offers.css';

/**
 * Settings → 储值与卡券 (owner): what the till offers beyond points — the top-up bonuses and
 * tier grants, the coupon templates managers issue from, and the count cards sold at Alt+V.
 * Three sections, each named by its heading, each saved on its own.
 */
export function OffersSettings() {
  return (
    <div className="offers-settings">
      <TopUpRulesForm />
      <CouponTemplates />
      <CountCardTypes />
    </div>
  );
}
