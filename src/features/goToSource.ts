/**
 * Source Research: Go to Source. With the cursor on an entity it lists that entity's passages;
 * otherwise it asks for an entity first. Moving through the passages previews each one; Enter
 * opens it with the mention selected; Escape goes back to where you were.
 * Also sourceResearch.openMention, the "Go to source" of hovers and tree passages.
 */
import * as vscode from 'vscode';
import type { Corpus } from '../core/index/api';
import { plural, snippet, sourceLabel } from '../core/index/entityText';
import { escapeThemeIcons } from '../core/text/sanitize';
import type { EntitySummary, Mention } from '../core/types';
import type { FeatureDeps } from './deps';
import type { PassageNotes } from './entityHover';
import { entityFromArg, EntityLocator, pickEntity, type MentionRef } from './entityLocations';

interface PassageItem extends vscode.QuickPickItem {
  readonly mention: Mention;
}

export class GoToSource {
  constructor(
    private readonly corpus: Corpus,
    private readonly locator: EntityLocator,
    private readonly notes?: Pick<PassageNotes, 'passageNote'>,
  ) {}

  /** Run the command. Resolves with the editor opened at the chosen mention, or undefined when cancelled. */
  async run(arg?: unknown): Promise<vscode.TextEditor | undefined> {
    let entity: EntitySummary | undefined = entityFromArg(this.corpus, this.locator, arg);
    entity ??= await pickEntity(this.corpus, { title: 'Go to Source: pick an entity', placeHolder: 'Type a name or alias (people, organisations, places, …)' });
    if (!entity) return undefined;
    return this.pickPassage(entity);
  }

  private async pickPassage(entity: EntitySummary): Promise<vscode.TextEditor | undefined> {
    // Ranked as the hover ranks them: the full-name passage first, then a spread across sources.
    const mentions = this.corpus.mentionsOf(entity.id);
    if (mentions.length === 0) {
      void vscode.window.showInformationMessage(`Source Research: no passages mention ${entity.name}.`);
      return undefined;
    }
    if (mentions.length === 1) return this.locator.open(mentions[0]!, { preview: false });

    const texts = new Map<string, string>();
    const items: PassageItem[] = mentions.map((m) => {
      let text = texts.get(m.docId);
      if (text === undefined) texts.set(m.docId, (text = this.corpus.text(m.docId) ?? ''));
      const s = snippet(text.slice(m.passage.start, m.passage.end), { start: m.start - m.passage.start, end: m.end - m.passage.start }, 110);
      const line = this.locator.range(m.docId, m)?.start.line;
      return {
        // Passages, titles and file names are untrusted: a `$(…)` in them shows as written.
        label: escapeThemeIcons(s.text),
        description: escapeThemeIcons([sourceLabel(this.corpus.documentInfo(m.docId), m.docId), this.notes?.passageNote(m.docId, m.start, m.end)].filter(Boolean).join(' · ')),
        detail: escapeThemeIcons(line !== undefined ? `${m.docId}:${line + 1}` : m.docId),
        mention: m,
      };
    });

    const original = vscode.window.activeTextEditor;
    const originalState = original && { document: original.document, selection: original.selection, viewColumn: original.viewColumn, visible: original.visibleRanges[0] };
    const qp = vscode.window.createQuickPick<PassageItem>();
    qp.title = escapeThemeIcons(`${entity.name}: ${plural(mentions.length, 'passage')}`);
    qp.placeholder = 'Pick a passage (the editor previews it as you move)';
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.items = items;

    return new Promise<vscode.TextEditor | undefined>((resolve) => {
      let accepted = false;
      let previewed = false;
      let seq = 0;
      const subs: vscode.Disposable[] = [];
      subs.push(
        qp.onDidChangeActive((active) => {
          const item = active[0];
          if (!item) return;
          const mine = ++seq;
          previewed = true;
          void this.locator.open(item.mention, { preview: true, preserveFocus: true }).then(
            () => undefined,
            () => {
              if (mine === seq) previewed = false;
            },
          );
        }),
        qp.onDidAccept(async () => {
          const item = qp.selectedItems[0] ?? qp.activeItems[0];
          if (!item) return;
          accepted = true;
          qp.hide();
          resolve(await this.locator.open(item.mention, { preview: false }));
        }),
        qp.onDidHide(async () => {
          for (const s of subs) s.dispose();
          qp.dispose();
          if (accepted) return;
          if (previewed && originalState && !originalState.document.isClosed) {
            const ed = await vscode.window.showTextDocument(originalState.document, {
              viewColumn: originalState.viewColumn,
              selection: originalState.selection,
              preserveFocus: false,
            });
            if (originalState.visible) ed.revealRange(originalState.visible, vscode.TextEditorRevealType.AtTop);
          }
          resolve(undefined);
        }),
      );
      qp.show();
    });
  }
}

export function registerGoToSource(deps: FeatureDeps, locator = new EntityLocator(deps.corpus, deps.sources)): vscode.Disposable {
  const go = new GoToSource(deps.corpus, locator, deps.formats);
  return vscode.Disposable.from(
    vscode.commands.registerCommand('sourceResearch.goToSource', (arg?: unknown) => go.run(arg)),
    vscode.commands.registerCommand('sourceResearch.openMention', (a?: string | MentionRef, start?: number, end?: number) => {
      const ref: MentionRef | undefined =
        typeof a === 'string' && typeof start === 'number' && typeof end === 'number'
          ? { docId: a, start, end }
          : a && typeof a === 'object' && typeof a.docId === 'string' && typeof a.start === 'number' && typeof a.end === 'number'
            ? a
            : undefined;
      return ref ? locator.open(ref, { preview: false }) : undefined;
    }),
  );
}
