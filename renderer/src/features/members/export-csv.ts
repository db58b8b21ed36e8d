import { invoke } from '../../api/client.js';
import { notifySuccess } from '../../stores/notices.js';
import { downloadText } from '../../components/download.js';

/** Today as YYYYMMDD, for file names. */
function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`;
}

/**
 * The owner's member export (members.exportCsv, audited by the core) as a CSV download in the
 * import format. A UTF-8 byte-order mark lets Excel on Chinese Windows read it as UTF-8.
 */
export async function exportMembersCsv(): Promise<boolean> {
  const r = await invoke('members.exportCsv', {});
  if (!r.ok) return false;
  const csv = r.value.csv.startsWith('\uFEFF') ? r.value.csv : `\uFEFF${r.value.csv}`;
  downloadText(csv, `members-${stamp()}.csv`);
  notifySuccess('members.export.done', { count: r.value.rows });
  return true;
}
