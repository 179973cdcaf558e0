/** The Search view: a query box, results grouped by source with the matches marked; click opens the passage. */
import type { FromSearchView, SearchGroupMsg, ToSearchView } from './protocol';
import { byId, el, marked, vscodeApi } from './vscodeApi';

interface State {
  q: string;
  collapsed: string[];
}

const api = vscodeApi<State, FromSearchView>();
const state: State = { q: '', collapsed: [], ...(api.getState() ?? {}) };
const input = byId<HTMLInputElement>('q');
const status = byId('status');
const results = byId('results');
const help = byId('help');
let timer: ReturnType<typeof setTimeout> | undefined;
let indexing = false;

input.value = state.q;
const save = () => api.setState(state);

function send(now = false): void {
  if (timer) clearTimeout(timer);
  const run = () => {
    state.q = input.value;
    save();
    api.postMessage({ type: 'query', q: input.value });
  };
  if (now) run();
  else timer = setTimeout(run, 120);
}

input.addEventListener('input', () => send());
input.addEventListener('keydown', (e) => {
  if (e.key === 'Enter') send(true);
  if (e.key === 'ArrowDown') {
    e.preventDefault();
    results.querySelector<HTMLElement>('.hit')?.focus();
  }
});
byId('help-toggle').addEventListener('click', () => {
  help.hidden = !help.hidden;
});
for (const ex of help.querySelectorAll<HTMLElement>('code[data-example]')) {
  ex.addEventListener('click', () => {
    input.value = ex.dataset.example ?? '';
    send(true);
    input.focus();
  });
}

function render(msg: Extract<ToSearchView, { type: 'results' }>): void {
  if (msg.q !== input.value) return; // an older answer
  results.replaceChildren();
  const n = msg.groups.reduce((k, g) => k + g.hits.length, 0);
  const parts: string[] = [];
  if (msg.q.trim()) {
    parts.push(msg.total === 0 ? 'No passages match.' : `${msg.total} passage${msg.total === 1 ? '' : 's'} in ${msg.groups.length} source${msg.groups.length === 1 ? '' : 's'}${n < msg.total ? ` (showing the best ${n})` : ''}`);
  } else parts.push(indexing ? 'Indexing the sources…' : 'Type to search the passages of the sources.');
  status.replaceChildren(el('span', undefined, parts.join(' ')));
  for (const p of msg.problems) status.append(el('div', 'problem', p));
  for (const g of msg.groups) results.append(group(g));
}

function group(g: SearchGroupMsg): HTMLElement {
  const box = el('section', 'group');
  const head = el('button', 'group-head');
  head.type = 'button';
  const collapsed = state.collapsed.includes(g.docId);
  head.setAttribute('aria-expanded', String(!collapsed));
  head.append(el('span', 'twisty'), el('span', 'group-title', g.title), el('span', 'badge', String(g.hits.length)));
  head.title = g.docId;
  const list = el('ul', 'hits');
  list.hidden = collapsed;
  head.addEventListener('click', () => {
    list.hidden = !list.hidden;
    head.setAttribute('aria-expanded', String(!list.hidden));
    state.collapsed = list.hidden ? [...state.collapsed, g.docId] : state.collapsed.filter((d) => d !== g.docId);
    save();
  });
  for (const h of g.hits) {
    const li = el('li', 'hit');
    li.tabIndex = 0;
    li.dataset.doc = h.docId;
    li.title = `${g.docId}:${h.line} — click to open, double-click to keep open`;
    li.append(el('span', 'line', String(h.line)), el('span', 'text'));
    li.lastElementChild!.append(marked(h.text, h.marks));
    const open = (preview: boolean) => api.postMessage({ type: 'open', docId: h.docId, start: h.start, end: h.end, preview });
    li.addEventListener('click', () => open(true));
    li.addEventListener('dblclick', () => open(false));
    li.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') open(false);
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const all = [...results.querySelectorAll<HTMLElement>('.hits:not([hidden]) .hit')];
        const i = all.indexOf(li) + (e.key === 'ArrowDown' ? 1 : -1);
        if (i < 0) input.focus();
        else all[i]?.focus();
      }
    });
    list.append(li);
  }
  box.append(head, list);
  return box;
}

window.addEventListener('message', (e: MessageEvent<ToSearchView>) => {
  const msg = e.data;
  if (msg.type === 'results') render(msg);
  else if (msg.type === 'setQuery') {
    input.value = msg.q;
    send(true);
    input.focus();
  } else if (msg.type === 'indexing') {
    indexing = msg.indexing;
    if (!input.value.trim()) status.textContent = indexing ? 'Indexing the sources…' : 'Type to search the passages of the sources.';
  }
});

api.postMessage({ type: 'ready' });
if (state.q) send(true);
else status.textContent = 'Type to search the passages of the sources.';
input.focus();
