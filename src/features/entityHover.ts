/**
 * Hover on a known name or alias, in a source or in any other text or Markdown document (the
 * user's notes and drafts): canonical name, type, aliases, counts, the top supporting passages
 * with links to them. Source text is untrusted: every piece of it is escaped, and the links
 * can only run the commands allow-listed here, with ids and offsets as arguments.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/index/api';
import { countsSentence, escapeMarkdown, markdownQuote, sourceLabel, TYPE_ICON, TYPE_SINGULAR } from '../core/index/entityText';
import type { Config } from '../config';
import type { QuoteIndex } from '../core/quotes/quoteIndex';
import { quoteHoverLines } from './quoteText';
import type { FeatureDeps } from './deps';
import { DraftNames } from './draftNames';
import { ENTITY_DOCUMENTS, EntityLocator, type EntityHit } from './entityLocations';
import { toRange } from './ranges';

/** Commands a hover link may run. */
export const HOVER_COMMANDS = ['sourceResearch.openMention', 'sourceResearch.goToSource', 'sourceResearch.revealEntity', 'sourceResearch.showInPdf'] as const;

/** Where a passage is in a paged or OCR'd source ("p. 12 · OCR"), and whether it can be shown in its PDF (formatDocuments.ts). */
export interface PassageNotes {
  passageNote(docId: string, start: number, end: number): string | undefined;
  canShowInPdf(docId: string): boolean;
}

/** How many passages a hover shows. */
export const HOVER_PASSAGES = 3;

/** A `command:` link target with JSON arguments (ids and offsets only). */
export function commandLink(command: (typeof HOVER_COMMANDS)[number], args: readonly (string | number)[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** The hover card of an entity. */
export function entityHoverMarkdown(corpus: Corpus, hit: EntityHit, notes?: PassageNotes, quotes?: QuoteIndex): vscode.MarkdownString {
  const e = hit.entity;
  const md = new vscode.MarkdownString('', true);
  md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
  md.supportHtml = false;
  md.appendMarkdown(`$(${TYPE_ICON[e.type]}) **${escapeMarkdown(e.name)}** · ${TYPE_SINGULAR[e.type]}`);
  if (e.curated) md.appendMarkdown(' · *curated*');
  md.appendMarkdown('\n\n');
  if (e.aliases.length) md.appendMarkdown(`*Also:* ${e.aliases.map(escapeMarkdown).join(', ')}\n\n`);
  if (e.note) md.appendMarkdown(`*Note:* ${escapeMarkdown(e.note)}\n\n`);
  md.appendMarkdown(`${countsSentence(e)}\n\n`);
  appendQuotes(md, corpus, e.id, quotes);
  const passages = corpus.passagesOf(e.id);
  for (const p of passages.slice(0, HOVER_PASSAGES)) {
    const m = p.mention;
    const quote = markdownQuote(p.text, { start: m.start - p.span.start, end: m.end - p.span.start }, 240);
    const src = escapeMarkdown(sourceLabel(corpus.documentInfo(m.docId), m.docId));
    const note = notes?.passageNote(m.docId, m.start, m.end);
    const pdf = notes?.canShowInPdf(m.docId) ? ` · [Show in PDF](${commandLink('sourceResearch.showInPdf', [m.docId, m.start, m.end])} "Show the page with the passage highlighted")` : '';
    md.appendMarkdown(`> ${quote}\n>\n> — *${src}*${note ? ` · ${escapeMarkdown(note)}` : ''} · [Go to source](${commandLink('sourceResearch.openMention', [m.docId, m.start, m.end])} "Open the passage")${pdf}\n\n`);
  }
  const links = [];
  if (passages.length > HOVER_PASSAGES) {
    links.push(`[Show all ${passages.length} passages](${commandLink('sourceResearch.goToSource', [e.id])} "Pick a passage")`);
  } else if (passages.length > 1) {
    links.push(`[Pick a passage](${commandLink('sourceResearch.goToSource', [e.id])})`);
  }
  links.push(`[Reveal in tree](${commandLink('sourceResearch.revealEntity', [e.id])} "Reveal in the Entities view")`);
  md.appendMarkdown(links.join(' · '));
  return md;
}

/** A person's (or an organisation's) quote count and first quotes. */
function appendQuotes(md: vscode.MarkdownString, corpus: Corpus, entityId: string, quotes: QuoteIndex | undefined): void {
  const qs = quotes?.quotesOf(entityId) ?? [];
  if (qs.length === 0) return;
  md.appendMarkdown(`$(quote) **${qs.length === 1 ? '1 quote' : `${qs.length} quotes`}** in the sources\n\n`);
  for (const q of qs.slice(0, HOVER_QUOTES)) {
    md.appendMarkdown(`${quoteHoverLines(corpus, q, 160)} · [Go to source](${commandLink('sourceResearch.openMention', [q.docId, q.content.start, q.content.end])} "Open the quote")\n\n`);
  }
}

/** How many quotes a hover on a speaker shows. */
export const HOVER_QUOTES = 2;

export class EntityHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly corpus: Corpus,
    private readonly locator: EntityLocator,
    private readonly config: Config,
    private readonly notes?: PassageNotes,
    private readonly drafts?: DraftNames,
    private readonly quotes?: QuoteIndex,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!this.config.hoverEnabled || token.isCancellationRequested) return undefined;
    const hit = await this.locator.entityAtWhenReady(document, position);
    if (token.isCancellationRequested) return undefined;
    if (!hit) {
      // In the user's own writing: a name that no source mentions says so.
      const unknown = this.drafts?.unknownAt(document, position);
      return unknown && !token.isCancellationRequested ? new vscode.Hover(this.drafts!.markdown(document, unknown), toRange(document, unknown)) : undefined;
    }
    if (token.isCancellationRequested) return undefined;
    return new vscode.Hover(entityHoverMarkdown(this.corpus, hit, this.notes, this.quotes), toRange(document, hit.span));
  }
}

export function registerEntityHover(deps: FeatureDeps, locator = new EntityLocator(deps.corpus, deps.sources)): vscode.Disposable {
  const drafts = new DraftNames(deps.corpus, deps.sources);
  return vscode.languages.registerHoverProvider(ENTITY_DOCUMENTS, new EntityHoverProvider(deps.corpus, locator, deps.config, deps.formats, drafts, deps.quotes));
}
