/**
 * The Timeline: every dated passage on a zoomable time axis (vis-timeline), one lane and one colour
 * per source, filtered by entity, type and source; clicking an item opens its passage. Dates the
 * text gives without a year (and the document no date) are listed beside it.
 */
import './styleNonce';
import * as vis from 'vis-timeline/standalone';
import { Timeline, type TimelineOptions } from 'vis-timeline/standalone';
import type { DataSet as DataSetType } from 'vis-data/peer';
import 'vis-timeline/styles/vis-timeline-graph2d.css';
import type { EntityMsg, FromTimeline, SourceMsg, TimelineItemMsg, ToTimeline } from './protocol';
import { byId, el, vscodeApi } from './vscodeApi';

interface State {
  entity: string;
  type: string;
  source: string;
  window?: { start: number; end: number };
}

const api = vscodeApi<State, FromTimeline>();
const state: State = { entity: '', type: '', source: '', ...(api.getState() ?? {}) };
const save = () => api.setState(state);

const entityInput = byId<HTMLInputElement>('entity');
const entityList = byId<HTMLDataListElement>('entities');
const typeSelect = byId<HTMLSelectElement>('type');
const sourceSelect = byId<HTMLSelectElement>('source');
const count = byId('count');
const side = byId('side');
const container = byId('timeline');

// The standalone bundle carries its own DataSet (its typings do not export it).
const DataSet = (vis as unknown as { DataSet: typeof DataSetType }).DataSet;

let items: readonly TimelineItemMsg[] = [];
let sources: readonly SourceMsg[] = [];
let entities: readonly EntityMsg[] = [];
let byName = new Map<string, EntityMsg>();
const colour = new Map<string, number>();

const data = new DataSet<{ id: string; content: HTMLElement; start: Date; type: 'box'; group: string; className: string }>();
const groups = new DataSet<{ id: string; content: HTMLElement; className: string }>();
const options: TimelineOptions = {
  stack: true,
  align: 'left',
  zoomable: true,
  zoomKey: 'ctrlKey',
  orientation: { axis: 'top', item: 'top' },
  margin: { item: { horizontal: 4, vertical: 6 } },
  selectable: true,
  showCurrentTime: false,
  tooltip: { followMouse: false },
  zoomMin: 1000 * 60 * 60 * 24 * 5,
  height: '100%',
};
// DataItem is typed with string content; an element is what we give (textContent only, never HTML).
const timeline = new Timeline(container, data as never, groups as never, options);

function day(iso: string, endOfDay = false): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1) + (endOfDay ? 86_400_000 : 0));
}

function entityFilter(): EntityMsg | undefined {
  const v = state.entity.trim().toLowerCase();
  return v ? byName.get(v) : undefined;
}

function visible(i: TimelineItemMsg): boolean {
  const e = entityFilter();
  if (state.entity.trim() && !e) return false;
  if (e && !(i.entityIds.includes(e.id) || e.id === i.dateEntityId)) return false;
  if (state.type && !i.types.includes(state.type as never)) return false;
  if (state.source && i.docId !== state.source) return false;
  return true;
}

function label(i: TimelineItemMsg): HTMLElement {
  const box = el('span', 'item-label');
  box.append(el('strong', undefined, i.label));
  const rest = i.passage.replace(/\s+/g, ' ').trim();
  box.append(el('span', 'item-passage', rest.length > 48 ? `${rest.slice(0, 47)}…` : rest));
  box.title = `${i.label} (${i.precision === 'day' ? i.date : i.precision === 'month' ? `${i.date}, the month` : `${i.date}, the year`}): ${rest}`;
  return box;
}

function sourceTitle(id: string): string {
  return sources.find((s) => s.id === id)?.title ?? id;
}

function showPassage(i: TimelineItemMsg, heading: string): void {
  const box = el('div', 'selected');
  box.append(el('h3', undefined, heading));
  box.append(passageBox(i));
  side.querySelector('.selected')?.remove();
  side.prepend(box);
}

function passageBox(i: TimelineItemMsg): HTMLElement {
  const p = el('div', 'passage');
  p.tabIndex = 0;
  p.append(el('span', 'where', `${i.label} · ${sourceTitle(i.docId)}`), el('span', undefined, i.passage.replace(/\s+/g, ' ').trim()));
  const open = () => api.postMessage({ type: 'open', docId: i.docId, start: i.start, end: i.end });
  p.addEventListener('click', open);
  p.addEventListener('keydown', (e) => e.key === 'Enter' && open());
  return p;
}

/** Every item in view, with room on the right for the last items' boxes (they extend right from their date). */
function fitAll(): void {
  timeline.fit({ animation: false });
  const w = timeline.getWindow();
  const span = w.end.getTime() - w.start.getTime();
  timeline.setWindow(w.start.getTime() - span * 0.03, w.end.getTime() + span * 0.35, { animation: false });
}

function render(): void {
  const shown = items.filter(visible);
  const dated = shown.filter((i) => i.from);
  const undated = shown.filter((i) => !i.from);
  groups.clear();
  const usedSources = sources.filter((s) => dated.some((i) => i.docId === s.id));
  groups.add(usedSources.map((s) => ({ id: s.id, content: el('span', 'group-label', s.title), className: `src-${colour.get(s.id) ?? 0}` })));
  data.clear();
  data.add(
    dated.map((i) => ({
      id: i.id,
      content: label(i),
      // A box at the first day the date covers (a month or a year spans too little of a multi-year axis to read as a range).
      start: day(i.from!),
      type: 'box' as const,
      group: i.docId,
      className: `src-${colour.get(i.docId) ?? 0} prec-${i.precision}`,
    })),
  );
  count.textContent = `${dated.length} dated passage${dated.length === 1 ? '' : 's'}${undated.length ? ` · ${undated.length} without a year` : ''}${shown.length < items.length ? ` (of ${items.length})` : ''}`;
  side.replaceChildren();
  if (undated.length) {
    side.append(el('h3', undefined, 'Dates without a year'));
    side.append(el('div', 'muted hint', 'The text leaves the year out and sources.yaml gives the source no date. Add a date there to place them.'));
    for (const i of undated) side.append(passageBox(i));
  }
  if (!shown.length) side.append(el('div', 'empty', items.length ? 'No dated passage matches the filters.' : 'No dated passages in the sources yet.'));
  if (state.window) timeline.setWindow(state.window.start, state.window.end, { animation: false });
  else if (dated.length) fitAll();
}

function fillFilters(): void {
  entityList.replaceChildren(...entities.map((e) => Object.assign(el('option'), { value: e.name })));
  const keepSource = state.source;
  sourceSelect.replaceChildren(Object.assign(el('option', undefined, 'All sources'), { value: '' }), ...sources.map((s) => Object.assign(el('option', undefined, s.title), { value: s.id })));
  sourceSelect.value = sources.some((s) => s.id === keepSource) ? keepSource : '';
  typeSelect.value = state.type;
  entityInput.value = state.entity;
}

timeline.on('select', (p: { items: string[] }) => {
  const i = items.find((x) => x.id === p.items[0]);
  if (!i) return;
  showPassage(i, 'Selected');
  api.postMessage({ type: 'open', docId: i.docId, start: i.start, end: i.end });
});
timeline.on('itemover', (p: { item: string }) => {
  const i = items.find((x) => x.id === p.item);
  if (i) showPassage(i, 'Passage');
});
timeline.on('rangechanged', (p: { start: Date; end: Date; byUser: boolean }) => {
  if (!p.byUser) return;
  state.window = { start: p.start.getTime(), end: p.end.getTime() };
  save();
});

const refilter = () => {
  state.entity = entityInput.value;
  state.type = typeSelect.value;
  state.source = sourceSelect.value;
  delete state.window;
  save();
  render();
};
entityInput.addEventListener('change', refilter);
entityInput.addEventListener('input', () => {
  if (!entityInput.value || byName.has(entityInput.value.trim().toLowerCase())) refilter();
});
typeSelect.addEventListener('change', refilter);
sourceSelect.addEventListener('change', refilter);
byId('fit').addEventListener('click', () => {
  delete state.window;
  save();
  fitAll();
});
byId('clear').addEventListener('click', () => {
  entityInput.value = '';
  typeSelect.value = '';
  sourceSelect.value = '';
  refilter();
});

window.addEventListener('message', (e: MessageEvent<ToTimeline>) => {
  const msg = e.data;
  if (msg.type === 'data') {
    items = msg.items;
    sources = msg.sources;
    entities = msg.entities;
    byName = new Map(entities.map((x) => [x.name.toLowerCase(), x]));
    sources.forEach((s, k) => colour.set(s.id, k % 6));
    fillFilters();
    render();
  } else if (msg.type === 'focus') {
    const ent = entities.find((x) => x.id === msg.entityId);
    entityInput.value = ent ? ent.name : '';
    refilter();
  }
});
api.postMessage({ type: 'ready' });
