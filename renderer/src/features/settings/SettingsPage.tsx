import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../stores/app.js';
import { useSession } from '../../stores/session.js';
import { visibleSettingsTabs, type SettingsTabId } from '../../app/sections.js';
import { PAGE_HEADING_ID } from '../../components/focus.js';
import { StaffManager } from '../staff/StaffManager.js';
import { ShopSettingsForm } from './ShopSettingsForm.js';
import { ChangePinForm } from './ChangePinForm.js';
import { AuditLog } from './AuditLog.js';
import { SystemInfo } from './SystemInfo.js';
import { PageHeading } from '../../components/PageHeading.js';
import { ProductSettings } from '../catalogue/ProductSettings.js';
import { CheckoutRulesForm } from '../checkout/CheckoutRulesForm.js';
import { DeviceSettings } from '../devices/DeviceSettings.js';
import { TierSettings } from '../members/TierSettings.js';
import { RewardsSettings } from '../rewards/RewardsSettings.js';
import { MemberImportSettings } from '../members/MemberImportSettings.js';
import { ComplaintSettings } from '../complaints/ComplaintSettings.js';
import { BackupSettings } from '../backup/BackupSettings.js';

/** Settings, in tabs by topic; each person sees the tabs their role allows. */
export function SettingsPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const tabs = visibleSettingsTabs(role);
  const stored = useApp((s) => s.settingsTab);
  const setTab = useApp((s) => s.setSettingsTab);
  const active: SettingsTabId = tabs.includes(stored) ? stored : tabs[0]!;
  const refs = useRef(new Map<SettingsTabId, HTMLButtonElement>());

  const onKeyDown = (e: KeyboardEvent, index: number) => {
    let next = index;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = (index + 1) % tabs.length;
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    else return;
    e.preventDefault();
    const id = tabs[next]!;
    setTab(id);
    refs.current.get(id)?.focus();
  };

  return (
    <section className="page" aria-labelledby={PAGE_HEADING_ID}>
      <PageHeading>
        {t('settings.title')}
      </PageHeading>
      <div className="tabs" role="tablist" aria-label={t('settings.tabs')}>
        {tabs.map((id, i) => (
          <button
            key={id}
            ref={(el) => {
              if (el) refs.current.set(id, el);
              else refs.current.delete(id);
            }}
            id={`settings-tab-${id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={id === active}
            aria-controls={`settings-panel-${id}`}
            tabIndex={id === active ? 0 : -1}
            onClick={() => setTab(id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t(`settings.tab.${id}`)}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`settings-panel-${active}`} aria-labelledby={`settings-tab-${active}`}>
        {active === 'shop' ? <ShopSettingsForm /> : null}
        {active === 'shop' ? <CheckoutRulesForm /> : null}
        {active === 'staff' ? <StaffManager /> : null}
        {active === 'products' ? <ProductSettings /> : null}
        {active === 'devices' ? <DeviceSettings /> : null}
        {active === 'tiers' ? <TierSettings /> : null}
        {active === 'rewards' ? <RewardsSettings /> : null}
        {active === 'memberImport' ? <MemberImportSettings /> : null}
        {active === 'complaints' ? <ComplaintSettings /> : null}
        {active === 'myPin' ? <ChangePinForm /> : null}
        {active === 'audit' ? <AuditLog /> : null}
        {active === 'system' ? <SystemInfo /> : null}
        {active === 'backup' ? <BackupSettings /> : null}
      </div>
    </section>
  );
}
