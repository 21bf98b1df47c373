/** A page part still on its way. */
export function Loading() {
  return <p className="muted">Loading…</p>;
}
