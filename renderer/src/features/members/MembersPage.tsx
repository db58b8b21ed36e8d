import { PlaceholderPage } from '../placeholder/PlaceholderPage.js';

/** 会员: list, profile, enrolment. */
export function MembersPage() {
  return <PlaceholderPage section="members" />;
}
