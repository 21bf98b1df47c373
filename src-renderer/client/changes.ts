/**
 * The renderer's side of changes.since (src-shared/contract/changes.ts): asks the main process
 * what changed every couple of seconds while the window is visible, and at once after this
 * window's own writes, and tells the open views (useQuery) whose area changed, so they reload.
 */
import type { DataArea } from '../../src-shared/contract/changes';
import type { OfficeClient } from './client';

export type ChangeListener = (areas: ReadonlySet<DataArea>) => void;

/** Often enough that a balance taken at another counter shows before the clerk looks up. */
export const CHANGE_POLL_MS = 2_000;
/**
 * While a dialog holds news back, look this often whether it has closed: a write made in a
 * dialog (a void, a deposit) should show on the page behind it as the dialog closes, not at
 * the next poll.
 */
export const HELD_NEWS_RETRY_MS = 200;

export class ChangeFeed {
  private afterSeq = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private checking: Promise<void> | null = null;
  private readonly listeners = new Set<ChangeListener>();
  /** Areas changed that listeners have not heard of yet (a dialog was open). */
  private readonly pending = new Set<DataArea>();
  private heldTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly client: OfficeClient,
    private readonly isVisible: () => boolean = () => typeof document === 'undefined' || document.visibilityState === 'visible',
    private readonly intervalMs = CHANGE_POLL_MS,
    private readonly dialogOpen: () => boolean = () => typeof document !== 'undefined' && document.querySelector('[role="dialog"], [role="alertdialog"], dialog[open]') !== null,
    private readonly heldRetryMs = HELD_NEWS_RETRY_MS,
  ) {
    client.onWritten(() => void this.check());
  }

  /** Listens while anything does; the polling stops with the last listener. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    // The first view to listen fixes where the trail stands, so a change right after it is news.
    if (this.afterSeq === 0) void this.check();
    if (this.timer === null && this.intervalMs > 0) {
      this.timer = setInterval(() => {
        if (this.isVisible()) void this.check();
      }, this.intervalMs);
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer !== null) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  /** Asks once (a check already on its way is shared); listeners hear of any changed area. */
  check(): Promise<void> {
    if (!this.client.hasSession) return Promise.resolve();
    this.checking ??= this.ask().finally(() => {
      this.checking = null;
    });
    return this.checking;
  }

  private async ask(): Promise<void> {
    const result = await this.client.call('changes.since', { afterSeq: this.afterSeq });
    if (!result.ok) return;
    const first = this.afterSeq === 0;
    this.afterSeq = result.value.headSeq;
    if (!first) for (const area of result.value.areas) this.pending.add(area);
    this.tell();
  }

  private tell(): void {
    if (this.pending.size === 0) return;
    if (this.dialogOpen()) {
      // Bounded: it stops once told, or when the last listener leaves.
      this.heldTimer ??= setTimeout(() => {
        this.heldTimer = null;
        if (this.listeners.size > 0) this.tell();
      }, this.heldRetryMs);
      return;
    }
    const areas: ReadonlySet<DataArea> = new Set(this.pending);
    this.pending.clear();
    for (const listener of [...this.listeners]) listener(areas);
  }
}
