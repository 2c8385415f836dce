/**
 * The one way this page builds DOM. Every string becomes a text node, so a
 * value from an opened file can never become markup: nothing here (or
 * anywhere in the page) assigns innerHTML.
 */
export type Child = Node | string | number | null | undefined | false;

export interface Props {
  readonly class?: string;
  readonly title?: string;
  /** Attributes set with setAttribute (never event handlers, never URLs from data). */
  readonly attrs?: Readonly<Record<string, string>>;
  readonly on?: { readonly [E in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[E]) => void };
}

export const h = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag);
  if (props !== null) {
    if (props.class !== undefined) element.className = props.class;
    if (props.title !== undefined) element.title = props.title;
    for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
    for (const [type, listener] of Object.entries(props.on ?? {})) element.addEventListener(type, listener as EventListener);
  }
  append(element, children);
  return element;
};

export const append = (parent: Node, children: readonly Child[]): void => {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
};

/** Replaces an element's children (text nodes for strings). */
export const fill = (parent: Element, ...children: Child[]): void => {
  parent.replaceChildren();
  append(parent, children);
};

/** A value as short, readable text: JSON, cut to `max` characters. */
export const show = (value: unknown, max = 120): string => {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

export const ms = (time_ms: number): string => (Number.isFinite(time_ms) ? `${(time_ms / 1000).toFixed(3)} s` : '—');
