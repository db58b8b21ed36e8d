import { invoke } from '../../api/client.js';
import { notifySuccess } from '../../stores/notices.js';

/** Today as YYYYMMDD, for file names. */
function stamp(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}`;
}

/** Saves text as a file through the browser's download (a Blob URL; nothing leaves the machine). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** Saves any bytes as a file the same way (the daily report's PDF and CSV). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
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
