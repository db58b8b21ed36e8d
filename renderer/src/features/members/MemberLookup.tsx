import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemberCard } from '../../../../shared/contract/members.js';
import { invoke } from '../../api/client.js';
import { focusFoundLater } from '../../components/focus.js';
import { formatMoney } from '../../i18n/format.js';
import { StatusBadge } from './StatusBadge.js';

interface Props {
  /** Called with the member the person picked (or the one exact match). */
  onPick: (member: MemberCard) => void;
  /** Open the member at once when the query names exactly one (full phone or card scan). */
  autoPickExact?: boolean;
  /** Left out of the results (e.g. the member being merged into). */
  excludeId?: number;
  /** Offered when nothing is found (quick enrolment with the typed phone). */
  onEnrol?: (phone: string) => void;
  autoFocus?: boolean;
  /** id of the text field (for focusing it from outside). */
  inputId?: string;
  label?: string;
  /** page: label, field and hint in full; inline: one line for a page heading row; compact: label above (in forms). */
  variant?: 'page' | 'inline' | 'compact';
}

/**
 * One box, one keystroke (members.find): a full phone, the last four digits of a phone, a
 * scanned card number or a name. Phones are shown masked; a short list lets the cashier
 * pick the right person.
 */
export function MemberLookup({ onPick, autoPickExact = false, excludeId, onEnrol, autoFocus, inputId, label, variant = 'page' }: Props) {
  const { t, i18n } = useTranslation();
  const generated = useId();
  const id = inputId ?? `lookup-${generated}`;
  const listId = `${id}-results`;
  const [query, setQuery] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ query: string; by: string; members: MemberCard[]; remote?: string } | null>(null);

  const search = async () => {
    const q = query.trim();
    if (!q || busy) return;
    setBusy(true);
    const r = await invoke('members.find', { query: q, limit: 20 });
    setBusy(false);
    if (!r.ok) return;
    const members = r.value.members.filter((m) => m.id !== excludeId);
    if (autoPickExact && members.length === 1 && (r.value.by === 'phone' || r.value.by === 'card')) {
      setResult(null);
      setQuery('');
      onPick(members[0]!);
      return;
    }
    setResult({ query: q, by: r.value.by, members, ...(r.value.remote ? { remote: r.value.remote } : {}) });
    if (members.length > 0) focusFoundLater(() => document.getElementById(listId)?.querySelector('button'));
  };

  const digits = result?.query.replace(/[\s-]/g, '') ?? '';
  const looksLikePhone = /^\+?\d{11,13}$/.test(digits);

  return (
    <div className={`member-lookup member-lookup-${variant}`}>
      {/* Not a <form>: the lookup also sits inside other forms (the referrer in quick enrolment). */}
      <div className="lookup-form" role="search" aria-label={label ?? t('members.lookup.label')}>
        <label htmlFor={id} className="lookup-label">
          {label ?? t('members.lookup.label')}
        </label>
        <div className="lookup-row">
          <input
            id={id}
            className="lookup-input"
            type="search"
            autoComplete="off"
            enterKeyHint="search"
            maxLength={40}
            placeholder={t('members.lookup.placeholder')}
            value={query}
            autoFocus={autoFocus}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
              e.preventDefault();
              void search();
            }}
            aria-describedby={`${id}-hint`}
          />
          <button type="button" className="btn btn-primary" aria-disabled={busy} onClick={() => void search()}>
            {t('members.lookup.submit')}
          </button>
        </div>
        <p id={`${id}-hint`} className={variant === 'page' ? 'field-hint' : 'sr-only'}>
          {t('members.lookup.hint')}
        </p>
      </div>
      <div role="status" className="lookup-status">
        {result
          ? result.members.length === 0
            ? remoteMessageKey(result.remote) ? t(remoteMessageKey(result.remote)!) : t('members.lookup.none', { query: result.query })
            : t('members.lookup.found', { count: result.members.length })
          : ''}
      </div>
      {result && result.members.length > 0 ? (
        <ul id={listId} className="lookup-results" aria-label={t('members.lookup.results')}>
          {result.members.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="lookup-result"
                onClick={() => {
                  setResult(null);
                  setQuery('');
                  onPick(m);
                }}
              >
                <span className="lookup-name">{m.name || t('members.noName')}</span>
                <span className="mono">{m.maskedPhone || '—'}</span>
                <span>{m.tier.name}</span>
                <span className="muted small">
                  {t('members.cardNoShort')} <span className="mono">{m.cardNo}</span>
                </span>
                <span className="muted small">
                  {t('members.pointsShort', { points: m.points })} · {formatMoney(m.spendFen, i18n.language)}
                </span>
                {m.status !== 'active' ? <StatusBadge status={m.status} /> : null}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {result && result.members.length === 0 && onEnrol ? (
        <button type="button" className="btn btn-outline" onClick={() => onEnrol(looksLikePhone ? digits : '')}>
          {looksLikePhone ? t('members.lookup.enrolPhone', { phone: digits }) : t('members.enrol.open')}
        </button>
      ) : null}
    </div>
  );
}

/** Why a branch till of a chain found nobody (the server was asked, or could not be). */
export function remoteMessageKey(remote: string | undefined): 'members.lookup.remote.offline' | 'members.lookup.remote.tooMany' | undefined {
  if (remote === 'offline') return 'members.lookup.remote.offline';
  if (remote === 'too_many') return 'members.lookup.remote.tooMany';
  return undefined;
}
