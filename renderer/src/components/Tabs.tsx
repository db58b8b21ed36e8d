import { useRef, type KeyboardEvent, type ReactNode } from 'react';

interface TabsProps<T extends string> {
  /** Prefix of the tab and panel ids (`<prefix>-tab-<id>`, `<prefix>-panel-<id>`). */
  idPrefix: string;
  label: string;
  tabs: readonly T[];
  active: T;
  onSelect: (id: T) => void;
  labelOf: (id: T) => string;
  panelClassName?: string;
  children: ReactNode;
}

/**
 * A tab list with its one panel (WAI-ARIA tabs): only the selected tab is in the Tab order;
 * arrow keys, Home and End move between tabs and select as they go.
 */
export function Tabs<T extends string>({ idPrefix, label, tabs, active, onSelect, labelOf, panelClassName, children }: TabsProps<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent, index: number) => {
    const n = tabs.length;
    const to: Record<string, number> = {
      ArrowRight: (index + 1) % n, ArrowDown: (index + 1) % n, ArrowLeft: (index - 1 + n) % n, ArrowUp: (index - 1 + n) % n, Home: 0, End: n - 1,
    };
    const next = to[e.key];
    if (next === undefined) return;
    e.preventDefault();
    const id = tabs[next]!;
    onSelect(id);
    refs.current.get(id)?.focus();
  };
  return (
    <>
      <div className="tabs" role="tablist" aria-label={label}>
        {tabs.map((id, i) => (
          <button
            key={id}
            ref={(el) => {
              if (el) refs.current.set(id, el);
              else refs.current.delete(id);
            }}
            id={`${idPrefix}-tab-${id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={id === active}
            aria-controls={`${idPrefix}-panel-${id}`}
            tabIndex={id === active ? 0 : -1}
            onClick={() => onSelect(id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {labelOf(id)}
          </button>
        ))}
      </div>
      <div className={`tab-panel${panelClassName ? ` ${panelClassName}` : ''}`} role="tabpanel" id={`${idPrefix}-panel-${active}`} aria-labelledby={`${idPrefix}-tab-${active}`}>
        {children}
      </div>
    </>
  );
}
