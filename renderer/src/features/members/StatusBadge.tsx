import { useTranslation } from 'react-i18next';

const CLASS: Record<string, string> = { active: 'badge-ok', frozen: 'badge-warn', erased: 'badge-off', merged: 'badge-off' };

/** A member's status as a badge: 正常 / 已冻结 / 已删除个人信息 / 已合并. */
export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  const known = status in CLASS;
  return (
    <span className={`badge ${CLASS[status] ?? 'badge-off'}`}>
      {known ? (t as unknown as (k: string) => string)(`members.status.${status}`) : status}
    </span>
  );
}
