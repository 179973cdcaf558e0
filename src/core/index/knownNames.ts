/**
 * The matcher of every known name and alias (for drafts, notes, and sources being edited), made
 * again after each change of the index. A caller that can wait asks for settled() first: when the
 * host gives a way to yield to it and the matcher is large (a large corpus: tens of thousands of
 * forms took the host 20–70 ms to make at once), the new one is then made a slice per turn of the
 * host's event loop. A caller that cannot wait has it made at once.
 */
import type { NameMatcher } from '../text/matcher';
import { runToEnd } from './documentChange';

/** From this many forms (in the last matcher) the next is made in slices. */
export const IN_SLICES_FROM = 4096;
/** Milliseconds of work between two yields to the host. */
const SLICE_MS = 8;

export class KnownNames {
  private current: NameMatcher<string> | undefined;
  /** How many forms the last matcher had. */
  private lastSize = 0;
  private generation = 0;
  private building: { readonly generation: number; readonly done: Promise<void> } | undefined;

  /**
   * `make` gives the steps that make a matcher of the index as it is; `yieldToHost` (absent: the
   * matcher is always made at once) lets the host run between two slices.
   */
  constructor(
    private readonly make: () => Generator<void, NameMatcher<string>>,
    private readonly yieldToHost?: () => Promise<void>,
    private readonly sliceMs = SLICE_MS,
  ) {}

  /** The index changed: the matcher is made again when next asked for. */
  clear(): void {
    this.current = undefined;
    this.generation++;
  }

  /** The matcher of the index as it is (made at once if need be). */
  matcher(): NameMatcher<string> {
    return this.current ?? this.keep(runToEnd(this.make()));
  }

  /**
   * Makes the matcher of the index as it is, a large one in slices; true once matcher() has it at
   * hand, false when the index changed meanwhile (the caller brings it up to date and asks again).
   */
  async settled(): Promise<boolean> {
    if (this.current) return true;
    if (!this.yieldToHost || this.lastSize < IN_SLICES_FROM) {
      this.matcher();
      return true;
    }
    if (this.building?.generation !== this.generation) {
      const generation = this.generation;
      const done = this.inSlices(generation).finally(() => {
        if (this.building?.done === done) this.building = undefined;
      });
      this.building = { generation, done };
    }
    await this.building!.done;
    return this.current !== undefined;
  }

  private keep(m: NameMatcher<string>): NameMatcher<string> {
    this.current = m;
    this.lastSize = m.size;
    return m;
  }

  /** The steps, with a yield to the host every SLICE_MS; given up when the index changes meanwhile. */
  private async inSlices(generation: number): Promise<void> {
    const steps = this.make();
    let t0 = Date.now();
    for (;;) {
      const r = steps.next();
      if (r.done) {
        if (generation === this.generation && !this.current) this.keep(r.value);
        return;
      }
      if (Date.now() - t0 >= this.sliceMs) {
        await this.yieldToHost!();
        if (generation !== this.generation || this.current) return;
        t0 = Date.now();
      }
    }
  }
}
