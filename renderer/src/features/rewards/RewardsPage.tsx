import { PlaceholderPage } from '../placeholder/PlaceholderPage.js';

/** 积分储值: statements, adjustments, top-ups. */
export function RewardsPage() {
  return <PlaceholderPage section="rewards" />;
}
