// The parts of citation-js (https://citation.js.org) that citationJs.ts uses; the packages ship no types.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    format(format: 'bibtex' | 'biblatex' | 'data', options?: Record<string, unknown>): string;
  }
}
declare module '@citation-js/plugin-bibtex' {}
