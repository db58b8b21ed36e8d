import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tier } from '../../../../shared/contract/members.js';
import { roleAllows } from '../../../../shared/roles.js';
import { invoke } from '../../api/client.js';
import { PAGE_HEADING_ID, focusLater, isTypingTarget } from '../../components/focus.js';
import { PageHeading } from '../../components/PageHeading.js';
import { useSession } from '../../stores/session.js';
import { EnrolDialog } from './EnrolForm.js';
import { ExportMembersButton } from './ExportMembersButton.js';
import { MemberList } from './MemberList.js';
import { MemberLookup } from './MemberLookup.js';
import { MemberProfileView } from './MemberProfileView.js';
import { useMembers } from './members-store.js';
import './members.css';

export const LOOKUP_ID = 'members-lookup';

/** The shop's tiers (tiers.list), read once per mount. */
export function useTiers(): Tier[] {
  const [tiers, setTiers] = useState<Tier[]>([]);
  useEffect(() => {
    let cancelled = false;
    void invoke('tiers.list', {}, { quiet: true }).then((r) => {
      if (!cancelled && r.ok) setTiers(r.value);
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return tiers;
}

/**
 * Letters and digits typed while nothing editable has focus go to the lookup box, so a
 * card scanned (keyboard-wedge scanner) or a phone typed on the Members page finds the member.
 */
function useTypeToLookup(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.key.length !== 1 || !/[\p{L}\p{N}]/u.test(e.key)) return;
      if (isTypingTarget(e.target) || (e.target instanceof Element && e.target.closest('dialog[open]'))) return;
      // Moving focus during keydown sends the character itself to the field.
      document.getElementById(LOOKUP_ID)?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/**
 * 会员: one lookup box for everyone (phone, last four, card scan, name), quick enrolment,
 * the managers' virtualised member list with filters and (owner) CSV export, and profiles.
 */
export function MembersPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const isManager = roleAllows(role, 'manager');
  const isOwner = roleAllows(role, 'owner');
  const profileId = useMembers((s) => s.profileId);
  const openProfile = useMembers((s) => s.openProfile);
  const tiers = useTiers();
  const [enrol, setEnrol] = useState<{ phone: string } | null>(null);
  useTypeToLookup(profileId === null && enrol === null);

  const back = () => {
    const { returnIndex } = useMembers.getState();
    useMembers.getState().closeProfile();
    // The list gives focus back to the row that opened the profile; otherwise the lookup box takes it.
    if (!isManager || returnIndex === null) focusLater(LOOKUP_ID);
  };

  return (
    <section className={profileId === null && isManager ? 'page members-page members-page-list' : 'page members-page'} aria-labelledby={PAGE_HEADING_ID}>
      <div className="page-head members-head">
        <PageHeading>{t('members.title')}</PageHeading>
        {profileId === null ? <MemberLookup variant="inline" inputId={LOOKUP_ID} autoPickExact onPick={(m) => openProfile(m.id)} onEnrol={(phone) => setEnrol({ phone })} /> : null}
        <div className="page-head-actions">
          <button type="button" className="btn btn-primary" onClick={() => setEnrol({ phone: '' })}>
            + {t('members.enrol.open')}
          </button>
          {isOwner && profileId === null ? (
            <ExportMembersButton />
          ) : null}
        </div>
      </div>

      {profileId !== null ? (
        <MemberProfileView id={profileId} tiers={tiers} onBack={back} backLabel={isManager ? t('members.backToList') : t('members.backToLookup')} />
      ) : (
        <div className="members-main">
          {isManager ? <MemberList tiers={tiers} onOpen={(id, index) => openProfile(id, index)} /> : <p className="muted cashier-hint">{t('members.cashierHint')}</p>}
        </div>
      )}

      {enrol ? (
        <EnrolDialog
          initialPhone={enrol.phone}
          onClose={() => setEnrol(null)}
          onEnrolled={(m) => {
            setEnrol(null);
            useMembers.getState().changed();
            openProfile(m.id);
          }}
        />
      ) : null}
    </section>
  );
}
