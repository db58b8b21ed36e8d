import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffSummary } from '../../../../shared/contract/staff.js';

interface Props {
  staff: readonly StaffSummary[];
  selected: number | null;
  onSelect: (id: number, how: 'pointer' | 'keyboard') => void;
  labelledBy: string;
  id?: string;
}

/** The staff list as a radio group: one Tab stop, arrow keys move, big touch targets. */
export function StaffPicker({ staff, selected, onSelect, labelledBy, id }: Props) {
  const { t } = useTranslation();
  const refs = useRef(new Map<number, HTMLButtonElement>());
  const focusIndex = selected === null ? 0 : Math.max(0, staff.findIndex((s) => s.id === selected));

  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const delta = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : 0;
    let next = index + delta;
    if (e.key === 'Home') next = 0;
    if (e.key === 'End') next = staff.length - 1;
    if (next === index || staff.length === 0) return;
    e.preventDefault();
    next = (next + staff.length) % staff.length;
    const s = staff[next]!;
    onSelect(s.id, 'keyboard');
    refs.current.get(s.id)?.focus();
  };

  return (
    <div id={id} className="staff-picker" role="radiogroup" aria-labelledby={labelledBy}>
      {staff.map((s, i) => (
        <button
          key={s.id}
          ref={(el) => {
            if (el) refs.current.set(s.id, el);
            else refs.current.delete(s.id);
          }}
          type="button"
          role="radio"
          aria-checked={s.id === selected}
          tabIndex={i === focusIndex ? 0 : -1}
          className="staff-card"
          onClick={(e) => onSelect(s.id, e.detail > 0 ? 'pointer' : 'keyboard')}
          onKeyDown={(e) => onKeyDown(e, i)}
        >
          <span className="staff-avatar" aria-hidden="true">
            {s.name.slice(0, 1)}
          </span>
          <span className="staff-card-text">
            <span className="staff-name">{s.name}</span>
            <span className="staff-role">{t(`roles.${s.role}`)}</span>
          </span>
        </button>
      ))}
    </div>
  );
}
