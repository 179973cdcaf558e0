/**
 * The charting libraries add <style> elements of their own (default styles of the canvas and the
 * axis). The CSP admits styles only with the page's nonce, so the elements they create get it: this
 * module runs before them (import it first). Nothing from the sources ever goes into a style.
 */
const nonce = (document.currentScript as HTMLScriptElement | null)?.nonce ?? document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
const create = document.createElement.bind(document);
document.createElement = ((tag: string, options?: ElementCreationOptions) => {
  const e = create(tag, options);
  if (nonce && tag.toLowerCase() === 'style') e.setAttribute('nonce', nonce);
  return e;
}) as typeof document.createElement;
export {};
