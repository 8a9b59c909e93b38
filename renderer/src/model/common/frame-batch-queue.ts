export interface FrameScheduler {
  request(callback: () => void): void;
}

/** requestAnimationFrame, with a timer as well because hidden tabs get no frames and the queue must not grow forever. */
export const animationFrameScheduler: FrameScheduler = {
  request(callback) {
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      callback();
    };
    requestAnimationFrame(run);
    setTimeout(run, 500);
  },
};

/**
 * Collects items and hands them over in one batch per frame, so a burst of a thousand live
 * events costs one state update and one render instead of a thousand.
 */
export class FrameBatchQueue<T> {
  private pending: T[] = [];
  private scheduled = false;

  constructor(
    private readonly flush: (batch: T[]) => void,
    private readonly scheduler: FrameScheduler = animationFrameScheduler,
  ) {}

  push(item: T): void {
    this.pending.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduler.request(() => {
      this.scheduled = false;
      const batch = this.pending;
      this.pending = [];
      if (batch.length > 0) this.flush(batch);
    });
  }
}
