const TABBABLE =
  'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside `container` (a modal panel): Tab on its last control goes to the first,
 * Shift+Tab on the first to the last. Steps in between are the browser's own.
 */
export function wrapTabFocus(event: KeyboardEvent, container: HTMLElement): void {
  const shown = [...container.querySelectorAll<HTMLElement>(TABBABLE)].filter(
    (el) => el.getClientRects().length > 0,
  );
  const first = shown[0];
  const last = shown.at(-1);
  if (!first || !last) return;
  const active = (container.getRootNode() as Document | ShadowRoot).activeElement;
  const [edge, target] = event.shiftKey ? [first, last] : [last, first];
  if (active !== edge && container.contains(active)) return;
  event.preventDefault();
  target.focus();
}
