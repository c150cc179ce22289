/**
 * A `ref` callback that focuses its element once it is in the page (Lit sets refs before it
 * inserts new markup). Make one per place it is used: Lit calls a callback shared between
 * places again on every render.
 */
export function focusWhenAttached(): (element?: Element) => void {
  return (element) => {
    if (element instanceof HTMLElement) queueMicrotask(() => element.focus());
  };
}
