/**
 * Tiny DOM helpers for the signed-in pages. Text always goes in as text (textContent), never as
 * markup, so nothing a resident or staff member typed can become HTML.
 */
type Child = Node | string | number | null | undefined | false;
type Props = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Array<Child | Child[]>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function')
      el.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'class') el.className = String(v);
    else if (k === 'text') el.textContent = String(v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Array<Child | Child[]>): void {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(
      typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c,
    );
  }
}

export function $<T extends Element = HTMLElement>(sel: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`missing ${sel}`);
  return el;
}
export const $$ = <T extends Element = HTMLElement>(
  sel: string,
  root: ParentNode = document,
): T[] => [...root.querySelectorAll<T>(sel)];

export function replace(el: Element, ...children: Array<Child | Child[]>): void {
  el.replaceChildren();
  append(el, children);
}

/** Moves focus to an element after a step (headings get tabindex=-1 so they can hold focus). */
export function focusOn(el: HTMLElement | null | undefined): void {
  if (!el) return;
  if (!el.hasAttribute('tabindex') && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName))
    el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: false });
  el.scrollIntoView?.({ block: 'nearest' });
}

let uid = 0;
export const nextId = (prefix = 'f') => `${prefix}-${++uid}`;

/** A labelled input with its hint and error line tied by aria-describedby. */
export function field(
  label: string,
  input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  opts: { hint?: string; class?: string } = {},
): {
  wrap: HTMLElement;
  input: typeof input;
  error: HTMLElement;
  setError(msg: string | null): void;
} {
  const id = input.id || nextId('in');
  input.id = id;
  const hint = opts.hint ? h('p', { class: 'hint', id: `${id}-hint` }, opts.hint) : null;
  const error = h('p', { class: 'field-error', id: `${id}-err`, hidden: true });
  input.setAttribute(
    'aria-describedby',
    [hint ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' '),
  );
  const wrap = h(
    'div',
    { class: `field ${opts.class ?? ''}` },
    h('label', { for: id }, label),
    hint,
    input,
    error,
  );
  const setError = (msg: string | null) => {
    error.hidden = !msg;
    error.textContent = msg ?? '';
    if (msg) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  };
  return { wrap, input, error, setError };
}

export const input = (props: Props = {}) => h('input', { type: 'text', ...props });
