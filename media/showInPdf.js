// Show in PDF (webview): renders one page with pdf.js and highlights a passage. The PDF bytes and the
// passage arrive in a message from the extension; everything shown is drawn on a canvas or set as text,
// never as HTML.
const script = document.currentScript ?? document.querySelector('script[data-pdfjs]');
const vscode = acquireVsCodeApi();
const status = document.getElementById('status');
const canvas = document.getElementById('canvas');
const marks = document.getElementById('marks');

const pdfjs = await import(script.dataset.pdfjs);
pdfjs.GlobalWorkerOptions.workerSrc = script.dataset.worker;

/** Letters and digits only, lower-cased: the passage is found on the page whatever the spacing and hyphenation. */
function compact(s) {
  const chars = [];
  for (const ch of s.normalize('NFKC')) if (/[\p{L}\p{N}]/u.test(ch)) chars.push(ch.toLowerCase());
  return chars;
}

/**
 * Find `needle` among the page's text items: for each item it covers, the item and the part of it
 * covered (fractions of its letters, so a name inside a longer run gets its own box).
 */
function locate(items, needle) {
  const want = compact(needle).join('');
  if (!want) return [];
  const flat = [];
  const owner = [];
  const index = [];
  const counts = items.map(() => 0);
  items.forEach((it, i) => {
    for (const ch of compact(it.str)) {
      flat.push(ch);
      owner.push(i);
      index.push(counts[i]++);
    }
  });
  const at = flat.join('').indexOf(want);
  if (at < 0) return [];
  const parts = new Map();
  for (let k = at; k < at + want.length; k++) {
    const i = owner[k];
    const p = parts.get(i) ?? { from: index[k], to: index[k] + 1 };
    p.to = index[k] + 1;
    parts.set(i, p);
  }
  return [...parts].map(([i, p]) => ({ item: items[i], from: p.from / counts[i], to: p.to / counts[i] }));
}

function box({ item, from, to }, viewport, cls) {
  const [, , c, d, e, f] = pdfjs.Util.transform(viewport.transform, item.transform);
  const height = Math.hypot(c, d);
  const width = item.width * viewport.scale;
  const el = document.createElement('div');
  el.className = `mark ${cls}`;
  el.style.left = `${e + width * from - 1}px`;
  el.style.top = `${f - height}px`;
  el.style.width = `${width * (to - from) + 2}px`;
  el.style.height = `${height * 1.2}px`;
  marks.appendChild(el);
}

function fromBase64(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

let task;
window.addEventListener('message', async (event) => {
  const msg = event.data;
  if (!msg || msg.type !== 'show') return;
  status.textContent = `Rendering page ${msg.page}…`;
  try {
    if (task) await task.destroy();
    task = pdfjs.getDocument({ data: fromBase64(msg.data), isEvalSupported: false, standardFontDataUrl: script.dataset.fonts });
    const doc = await task.promise;
    const page = await doc.getPage(Math.min(Math.max(1, msg.page), doc.numPages));
    const width = Math.max(320, window.innerWidth - 40);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: Math.min(2.5, width / base.width) });
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${viewport.width}px`;
    canvas.style.height = `${viewport.height}px`;
    const ctx = canvas.getContext('2d');
    await page.render({ canvas, canvasContext: ctx, viewport, transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : undefined }).promise;
    marks.replaceChildren();
    const items = (await page.getTextContent()).items.filter((it) => typeof it.str === 'string' && it.str.length);
    const passage = locate(items, msg.highlight);
    const name = locate(items, msg.mention);
    for (const it of passage) box(it, viewport, 'passage');
    for (const it of name) box(it, viewport, 'name');
    const n = passage.length + name.length;
    status.textContent = `Page ${page.pageNumber} of ${doc.numPages}${n ? '' : ' · the passage could not be located on the page (scanned or re-flowed text)'}`;
    const first = marks.firstElementChild;
    if (first) first.scrollIntoView({ block: 'center' });
    vscode.postMessage({ type: 'rendered', page: page.pageNumber, highlights: n });
  } catch (e) {
    status.textContent = `The PDF cannot be shown: ${e && e.message ? e.message : String(e)}`;
    vscode.postMessage({ type: 'error', message: String(e && e.message ? e.message : e) });
  }
});
vscode.postMessage({ type: 'ready' });
