import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintLists } from '../../../../shared/contract/complaints.js';
import { loadComplaintLists, useComplaints } from './complaints-store.js';

type Entry = ComplaintLists['channels'][number];

/** The label of a list entry in the page's language (custom entries carry their own labels). */
export function entryLabel(entries: readonly Entry[] | undefined, code: string, locale: string): string {
  const e = entries?.find((x) => x.code === code);
  if (!e) return code;
  return locale === 'en' ? e.labels.en : e.labels['zh-CN'];
}

/**
 * Labels for the codes a complaint carries: channel and category from the shop's lists,
 * severity and status from the translations.
 */
export function useComplaintLabels() {
  const { t, i18n } = useTranslation();
  const tt = t as unknown as (k: string) => string;
  const lists = useComplaints((s) => s.lists);
  useEffect(() => {
    void loadComplaintLists();
  }, []);
  const locale = i18n.language;
  return {
    lists,
    channel: (code: string) => entryLabel(lists?.channels, code, locale),
    category: (code: string) => entryLabel(lists?.categories, code, locale),
    severity: (code: string) => tt(`complaints.severity.${code}`),
    status: (code: string) => tt(`complaints.status.${code}`),
  };
}
