import { useState } from 'react';
import { focusSelectorLater } from '../components/focus.js';

/**
 * An edit form's typed draft and its field messages: `set` changes one field and clears that
 * field's message (a corrected field stops saying it is wrong); `show` puts up a set of
 * messages and moves focus to the first wrong field, in `order`, inside the form `#formId`
 * (fields are found by their `name`).
 */
export function useDraft<D extends object, F extends string>(initial: () => D, form: { id: string; order: readonly F[] }) {
  const [draft, setDraft] = useState<D>(initial);
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const set = <K extends keyof D>(k: K, v: D[K]) => {
    setDraft((old) => ({ ...old, [k]: v }));
    setErrors((old) => (k in old ? (Object.fromEntries(Object.entries(old).filter(([key]) => key !== k)) as Partial<Record<F, string>>) : old));
  };
  const show = (e: Partial<Record<F, string>>) => {
    setErrors(e);
    const first = form.order.find((k) => e[k]);
    if (first) focusSelectorLater(`#${form.id} [name="${first}"]`);
  };
  return { draft, set, errors, show };
}
