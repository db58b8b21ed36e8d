import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../../shared/roles.js';
import { useSession } from '../../stores/session.js';
import { PAGE_HEADING_ID } from '../../components/focus.js';
import { PageHeading } from '../../components/PageHeading.js';
import { Tabs } from '../../components/Tabs.js';
import { CountPanel } from './CountPanel.js';
import { ReceivePanel } from './ReceivePanel.js';
import { LevelsPanel } from './LevelsPanel.js';
import { LowStockPanel } from './LowStockPanel.js';
import './stock.css';

type StockTab = 'count' | 'receive' | 'levels' | 'low';

/**
 * 库存 (F11): counting shelves while the shop sells (everyone), and for managers receiving
 * slips, stock on hand with each product's settings, losses and the reorder list. The core
 * checks every role again; the tabs only hide what a cashier cannot use.
 */
export function StockPage() {
  const { t } = useTranslation();
  const manager = roleAllows(useSession((s) => s.staff?.role ?? 'cashier'), 'manager');
  const tabs: StockTab[] = manager ? ['count', 'receive', 'levels', 'low'] : ['count'];
  const [tab, setTab] = useState<StockTab>(manager ? 'receive' : 'count');
  return (
    <section className="page stock-page" aria-labelledby={PAGE_HEADING_ID}>
      <div className="page-head">
        <PageHeading>{t('stock.title')}</PageHeading>
      </div>
      <Tabs idPrefix="stock" label={t('stock.tabs')} tabs={tabs} active={tab} onSelect={setTab} labelOf={(id) => t(`stock.tab.${id}`)} panelClassName="stock-panel">
        {tab === 'count' ? <CountPanel manager={manager} /> : null}
        {tab === 'receive' ? <ReceivePanel /> : null}
        {tab === 'levels' ? <LevelsPanel /> : null}
        {tab === 'low' ? <LowStockPanel /> : null}
      </Tabs>
    </section>
  );
}
