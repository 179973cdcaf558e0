/**
 * The first match of a global regular expression at or after an offset, for loops that look at one
 * stretch of a long text after another. A search runs on past the stretch to the end of the text,
 * so the match it found is kept and the stretches before it reuse it: without that, a document
 * where matches are rare (plain prose, with no markup or no sentence opening with a number) was
 * searched to its end once per paragraph, quadratic in its length.
 */
export class NextMatch {
  private text: string | undefined;
  private from = 0;
  private m: RegExpExecArray | null = null;

  constructor(private readonly re: RegExp) {}

  /** The first match at or after `from` (the regex's lastIndex is left after it). */
  at(text: string, from: number): RegExpExecArray | null {
    if (this.text === text && this.from <= from && (this.m === null || this.m.index >= from)) {
      if (this.m) this.re.lastIndex = this.m.index + this.m[0].length;
      return this.m;
    }
    this.re.lastIndex = from;
    const m = this.re.exec(text);
    this.text = text;
    this.from = from;
    this.m = m;
    return m;
  }

  /** Let go of the text. */
  clear(): void {
    this.text = undefined;
    this.m = null;
  }
}
