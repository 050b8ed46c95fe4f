import { h } from '../dom';

/** One form control per record field: it reads and checks its own value and shows its own error. */
export interface Control {
  name: string;
  wrap: HTMLElement;
  focusable: HTMLElement;
  read(): { value?: unknown; error?: string };
  setError(msg: string | null): void;
}

/** The error line of a fieldset, which (unlike a single input) has no field() to give it one. */
export function errorLine(): { el: HTMLElement; set(msg: string | null): void } {
  const el = h('p', { class: 'field-error', hidden: true });
  return {
    el,
    set: (m) => {
      el.hidden = !m;
      el.textContent = m ?? '';
    },
  };
}
