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
import { TillsSettings } from './TillsSettings.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Tabs } from '../../components/Tabs.js';
import { ProductSettings } from '../catalogue/ProductSettings.js';
import { CheckoutRulesForm } from '../checkout/CheckoutRulesForm.js';
import { DeviceSettings } from '../devices/DeviceSettings.js';
import { TierSettings } from '../members/TierSettings.js';
import { RewardsSettings } from '../rewards/RewardsSettings.js';
import { OffersSettings } from '../rewards/OffersSettings.js';
import { MemberImportSettings } from '../members/MemberImportSettings.js';
import { ComplaintSettings } from '../complaints/ComplaintSettings.js';
import { BackupSettings } from '../backup/BackupSettings.js';
import { GiftSettings } from '../gifts/GiftSettings.js';
import { PromotionSettings } from '../promotions/PromotionSettings.js';
import { WeighingSettings } from '../weighing/WeighingSettings.js';

/** Settings, in tabs by topic; each person sees the tabs their role allows. */
export function SettingsPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.staff?.role ?? 'cashier');
  const tabs = visibleSettingsTabs(role);
  const stored = useApp((s) => s.settingsTab);
  const setTab = useApp((s) => s.setSettingsTab);
  const active: SettingsTabId = tabs.includes(stored) ? stored : tabs[0]!;

  return (
    <section className="page" aria-labelledby={PAGE_HEADING_ID}>
      <PageHeading>
        {t('settings.title')}
      </PageHeading>
      <Tabs idPrefix="settings" label={t('settings.tabs')} tabs={tabs} active={active} onSelect={setTab} labelOf={(id) => t(`settings.tab.${id}`)}>
        {active === 'shop' ? <ShopSettingsForm /> : null}
        {active === 'shop' ? <CheckoutRulesForm /> : null}
        {active === 'staff' ? <StaffManager /> : null}
        {active === 'products' ? <ProductSettings /> : null}
        {active === 'devices' ? <DeviceSettings /> : null}
        {active === 'tiers' ? <TierSettings /> : null}
        {active === 'rewards' ? <RewardsSettings /> : null}
        {active === 'offers' ? <OffersSettings /> : null}
        {active === 'gifts' ? <GiftSettings /> : null}
        {active === 'promotions' ? <PromotionSettings /> : null}
        {active === 'weighing' ? <WeighingSettings /> : null}
        {active === 'memberImport' ? <MemberImportSettings /> : null}
        {active === 'complaints' ? <ComplaintSettings /> : null}
        {active === 'myPin' ? <ChangePinForm /> : null}
        {active === 'audit' ? <AuditLog /> : null}
        {active === 'system' ? <SystemInfo /> : null}
        {active === 'backup' ? <BackupSettings /> : null}
        {active === 'tills' ? <TillsSettings /> : null}
      </Tabs>
    </section>
  );
}
