/**
 * The co-occurrence network (cytoscape): entities as nodes sized by mentions, edges weighted by the
 * sentences (or paragraphs) they share; filters by type and minimum weight; the neighbourhood of one
 * entity. Clicking an edge lists the shared passages; clicking a node reveals it in the Entities view.
 */
import './styleNonce';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import type { EdgeMsg, EntityMsg, FromNetwork, SharedPassageMsg, ToNetwork } from './protocol';
import { byId, el, vscodeApi } from './vscodeApi';

type EntityType = EntityMsg['type'];

interface State {
  types: EntityType[];
  minWeight: number;
  unit: 'sentence' | 'paragraph';
  focus: string;
  /** Node positions and viewport of the last layout, for the same graph. */
  layout?: { key: string; positions: Record<string, { x: number; y: number }>; zoom: number; pan: { x: number; y: number } };
  selectedEdge?: string;
}

const api = vscodeApi<State, FromNetwork>();
const state: State = { types: ['person', 'organization', 'place', 'group'], minWeight: 0, unit: 'sentence', focus: '', ...(api.getState() ?? {}) };
const save = () => api.setState(state);

const focusInput = byId<HTMLInputElement>('focus');
const entityList = byId<HTMLDataListElement>('entities');
const minWeightInput = byId<HTMLInputElement>('min-weight');
const unitSelect = byId<HTMLSelectElement>('unit');
const count = byId('count');
const side = byId('side');
const typeBoxes = [...document.querySelectorAll<HTMLInputElement>('input[data-type]')];

let nodes: readonly EntityMsg[] = [];
let edges: readonly EdgeMsg[] = [];
let byName = new Map<string, EntityMsg>();

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function typeColours(): Record<EntityType, string> {
  return {
    person: cssVar('--vscode-charts-blue', '#3794ff'),
    organization: cssVar('--vscode-charts-orange', '#d18616'),
    place: cssVar('--vscode-charts-green', '#89d185'),
    group: cssVar('--vscode-charts-purple', '#b180d7'),
    date: cssVar('--vscode-charts-yellow', '#cca700'),
    quantity: cssVar('--vscode-charts-red', '#f14c4c'),
  };
}

function style(): cytoscape.StylesheetJson {
  const fg = cssVar('--vscode-editor-foreground', '#cccccc');
  const bg = cssVar('--vscode-editor-background', '#1e1e1e');
  const edge = cssVar('--vscode-editorLineNumber-foreground', '#858585');
  const sel = cssVar('--vscode-focusBorder', '#007fd4');
  const colours = typeColours();
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        color: fg,
        'font-size': 20,
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-outline-color': bg,
        'text-outline-width': 3,
        'text-wrap': 'ellipsis',
        'text-max-width': '260px',
        width: 'data(size)',
        height: 'data(size)',
        'background-color': (n: cytoscape.NodeSingular) => colours[n.data('type') as EntityType] ?? fg,
        'border-width': 0,
      },
    },
    { selector: 'node.focus', style: { 'border-width': 3, 'border-color': sel } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': sel } },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': edge,
        opacity: 'data(opacity)' as unknown as number,
        'curve-style': 'haystack',
        label: 'data(label)',
        'font-size': 16,
        color: fg,
        'text-outline-color': bg,
        'text-outline-width': 3,
        'text-opacity': 0,
      },
    },
    { selector: 'edge:selected', style: { 'line-color': sel, opacity: 1, 'text-opacity': 1 } },
    { selector: 'edge.hover', style: { opacity: 1, 'text-opacity': 1 } },
  ];
}

const cy: Core = cytoscape({ container: byId('graph'), style: style(), minZoom: 0.05, maxZoom: 4, boxSelectionEnabled: false });
// For the UI tests and for debugging from the webview's developer tools.
(window as unknown as { sourceResearchGraph: Core }).sourceResearchGraph = cy;

/** The graph to show: types and weight filtered, the neighbourhood of the focus, nodes without edges dropped. */
function visibleGraph(): { nodes: EntityMsg[]; edges: EdgeMsg[]; minWeight: number } {
  const types = new Set(state.types);
  const keep = new Map(nodes.filter((n) => types.has(n.type)).map((n) => [n.id, n]));
  let es = edges.filter((e) => keep.has(e.source) && keep.has(e.target));
  // Default weight: enough to keep the picture readable (about 300 edges at most).
  let minWeight = state.minWeight;
  if (!minWeight) {
    minWeight = 1;
    while (es.filter((e) => e.weight >= minWeight).length > 300) minWeight++;
  }
  es = es.filter((e) => e.weight >= minWeight);
  const focus = byName.get(state.focus.trim().toLowerCase());
  if (focus) {
    const near = new Set([focus.id]);
    for (const e of edges) {
      if (!keep.has(e.source) || !keep.has(e.target) || e.weight < minWeight) continue;
      if (e.source === focus.id) near.add(e.target);
      if (e.target === focus.id) near.add(e.source);
    }
    es = es.filter((e) => near.has(e.source) && near.has(e.target));
    return { nodes: [...near].map((id) => keep.get(id) ?? nodes.find((n) => n.id === id)!).filter(Boolean), edges: es, minWeight };
  }
  const used = new Set(es.flatMap((e) => [e.source, e.target]));
  return { nodes: [...keep.values()].filter((n) => used.has(n.id)), edges: es, minWeight };
}

function render(): void {
  const g = visibleGraph();
  const maxMentions = Math.max(1, ...g.nodes.map((n) => n.mentions));
  const maxWeight = Math.max(1, ...g.edges.map((e) => e.weight));
  const focus = byName.get(state.focus.trim().toLowerCase());
  const els: ElementDefinition[] = [
    ...g.nodes.map((n) => ({
      group: 'nodes' as const,
      data: { id: n.id, label: n.name, type: n.type, mentions: n.mentions, size: 18 + 42 * Math.sqrt(n.mentions / maxMentions) },
      classes: focus?.id === n.id ? 'focus' : '',
    })),
    ...g.edges.map((e) => ({
      group: 'edges' as const,
      data: { id: e.id, source: e.source, target: e.target, weight: e.weight, width: 1.5 + 10 * (e.weight / maxWeight), opacity: 0.35 + 0.5 * (e.weight / maxWeight), label: String(e.weight) },
    })),
  ];
  cy.elements().remove();
  cy.add(els);
  const key = `${state.unit}|${state.types.join(',')}|${g.minWeight}|${focus?.id ?? ''}|${g.nodes.length}|${g.edges.length}`;
  const saved = state.layout;
  if (saved && saved.key === key && g.nodes.every((n) => saved.positions[n.id])) {
    for (const n of g.nodes) cy.getElementById(n.id).position(saved.positions[n.id]!);
    cy.zoom(saved.zoom);
    cy.pan(saved.pan);
  } else {
    const layout = cy.layout({
      name: 'cose',
      animate: false,
      randomize: true,
      padding: 30,
      nodeRepulsion: () => 400_000,
      nodeOverlap: 20,
      idealEdgeLength: () => 100,
      edgeElasticity: () => 100,
      gravity: 60,
      numIter: 1500,
      componentSpacing: 80,
      nodeDimensionsIncludeLabels: true,
    } as cytoscape.LayoutOptions);
    layout.one('layoutstop', () => {
      // A small graph is not blown up past its natural size.
      if (cy.zoom() > 1.3) {
        cy.zoom(1.3);
        cy.center();
      }
      remember(key);
    });
    layout.run();
  }
  const names = new Map(nodes.map((n) => [n.id, n.name]));
  count.textContent = `${g.nodes.length} entities · ${g.edges.length} links (shared ${state.unit}s ≥ ${g.minWeight})`;
  if (!minWeightInput.matches(':focus')) minWeightInput.placeholder = String(g.minWeight);
  if (!g.nodes.length) {
    side.replaceChildren(el('div', 'empty', nodes.length ? 'No links match the filters.' : 'No entities yet.'));
  } else if (state.selectedEdge && g.edges.some((e) => e.id === state.selectedEdge)) {
    cy.getElementById(state.selectedEdge).select();
    api.postMessage({ type: 'edge', edgeId: state.selectedEdge });
  } else {
    side.replaceChildren(el('h3', undefined, 'Shared passages'), el('div', 'muted', 'Click a link to list the passages its two entities share; click an entity to show it in the Entities view.'));
    const top = g.edges.slice(0, 8);
    if (top.length) {
      side.append(el('h3', undefined, 'Strongest links'));
      for (const e of top) {
        const row = el('div', 'passage', `${names.get(e.source)} — ${names.get(e.target)} (${e.weight})`);
        row.tabIndex = 0;
        row.addEventListener('click', () => selectEdge(e.id));
        side.append(row);
      }
    }
  }
}

function remember(key: string): void {
  const positions: Record<string, { x: number; y: number }> = {};
  if (cy.nodes().length <= 600) cy.nodes().forEach((n) => void (positions[n.id()] = { ...n.position() }));
  state.layout = { key, positions, zoom: cy.zoom(), pan: { ...cy.pan() } };
  save();
}

function selectEdge(id: string): void {
  cy.elements().unselect();
  cy.getElementById(id).select();
  state.selectedEdge = id;
  save();
  api.postMessage({ type: 'edge', edgeId: id });
}

function showPassages(names: readonly [string, string], passages: readonly SharedPassageMsg[]): void {
  side.replaceChildren(el('h3', undefined, `${names[0]} and ${names[1]}: ${passages.length} shared ${state.unit}${passages.length === 1 ? '' : 's'}`));
  for (const p of passages) {
    const box = el('div', 'passage');
    box.tabIndex = 0;
    box.append(el('span', 'where', `${p.title} · line ${p.line}`), el('span', undefined, p.text.replace(/\s+/g, ' ').trim()));
    const open = () => api.postMessage({ type: 'open', docId: p.docId, start: p.start, end: p.end });
    box.addEventListener('click', open);
    box.addEventListener('keydown', (e) => e.key === 'Enter' && open());
    side.append(box);
  }
}

cy.on('tap', 'edge', (e) => selectEdge(e.target.id()));
cy.on('tap', 'node', (e) => api.postMessage({ type: 'node', entityId: e.target.id() }));
cy.on('dbltap', 'node', (e) => {
  focusInput.value = e.target.data('label');
  refilter();
});
cy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
cy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));
cy.on('dragfree viewport', () => {
  if (state.layout) {
    cy.nodes().forEach((n) => void (state.layout!.positions[n.id()] = { ...n.position() }));
    state.layout.zoom = cy.zoom();
    state.layout.pan = { ...cy.pan() };
    save();
  }
});

function refilter(): void {
  state.types = typeBoxes.filter((b) => b.checked).map((b) => b.dataset.type as EntityType);
  state.minWeight = Math.max(0, Math.floor(Number(minWeightInput.value) || 0));
  state.focus = focusInput.value;
  delete state.selectedEdge;
  save();
  render();
}

for (const b of typeBoxes) b.checked = state.types.includes(b.dataset.type as EntityType);
minWeightInput.value = state.minWeight ? String(state.minWeight) : '';
unitSelect.value = state.unit;
focusInput.value = state.focus;
for (const b of typeBoxes) b.addEventListener('change', refilter);
minWeightInput.addEventListener('change', refilter);
focusInput.addEventListener('change', refilter);
focusInput.addEventListener('input', () => {
  if (!focusInput.value || byName.has(focusInput.value.trim().toLowerCase())) refilter();
});
unitSelect.addEventListener('change', () => {
  state.unit = unitSelect.value === 'paragraph' ? 'paragraph' : 'sentence';
  delete state.layout;
  save();
  api.postMessage({ type: 'unit', unit: state.unit });
});
byId('fit').addEventListener('click', () => cy.fit(undefined, 30));
byId('clear').addEventListener('click', () => {
  focusInput.value = '';
  refilter();
});
byId('relayout').addEventListener('click', () => {
  delete state.layout;
  render();
});
// Theme changes: VS Code swaps the body's classes.
new MutationObserver(() => cy.style(style())).observe(document.body, { attributes: true, attributeFilter: ['class'] });

window.addEventListener('message', (e: MessageEvent<ToNetwork>) => {
  const msg = e.data;
  if (msg.type === 'data') {
    nodes = msg.nodes;
    edges = msg.edges;
    byName = new Map(nodes.map((n) => [n.name.toLowerCase(), n]));
    entityList.replaceChildren(...nodes.map((n) => Object.assign(el('option'), { value: n.name })));
    render();
  } else if (msg.type === 'focus') {
    const n = nodes.find((x) => x.id === msg.entityId);
    focusInput.value = n ? n.name : '';
    if (n && !state.types.includes(n.type)) typeBoxes.find((b) => b.dataset.type === n.type)!.checked = true;
    refilter();
  } else if (msg.type === 'passages') {
    showPassages(msg.names, msg.passages);
  }
});
api.postMessage({ type: 'ready', unit: state.unit });
