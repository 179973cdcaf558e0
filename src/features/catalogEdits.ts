/**
 * Rename, Merge Into…, Add Alias, Change Type…, Split Entity…, Ignore and Show in Catalog: the Entities view's context menu
 * (also in the Command Palette, on the entity under the cursor). Every change to entities.yaml is
 * computed by the core's write-back functions (which keep comments and order), applied as a
 * minimal WorkspaceEdit (undoable), saved, and fed to the index at once. entities.yaml is created,
 * with its header comment, when it does not exist. Nothing is written in an untrusted workspace.
 */
import * as vscode from 'vscode';
import type { Corpus, CorpusWriter } from '../core/index/api';
import { addAlias, addScopedAliases, CatalogEditError, entityLocation, ignoreName, mergeEntities, newCatalogText, renameEntity, setType } from '../core/catalog/catalogEdit';
import { TYPE_SINGULAR } from '../core/index/entityText';
import { cleanSurface } from '../core/resolution/aliases';
import { foldKey } from '../core/text/text';
import { ENTITY_TYPES, type EntitySummary, type EntityType } from '../core/types';
import type { Log } from '../log';
import type { FeatureDeps } from './deps';
import { entityFromArg, EntityLocator, pickEntity } from './entityLocations';
import { escapeThemeIcons } from '../core/text/sanitize';
import type { WorkspaceCorpus } from './workspaceCorpus';
import { applyYamlFileEdit } from './yamlFileEdit';

const CATALOG = 'entities.yaml';
/** The types a name can be changed to. */
const NAME_TYPES: readonly EntityType[] = ['person', 'organization', 'place', 'group'];

export class CatalogEditor {
  constructor(
    private readonly corpus: Corpus,
    private readonly writer: CorpusWriter,
    private readonly sources: WorkspaceCorpus,
    private readonly log: Log,
  ) {}

  /** The entities.yaml in force, else where a new one goes: the sources/ folder when there is one, else the workspace root. */
  async catalogUri(): Promise<vscode.Uri | undefined> {
    const known = this.sources.catalogUri;
    if (known) return known;
    const firstDoc = this.corpus.documents()[0];
    const docUri = firstDoc && this.sources.uriOf(firstDoc.id);
    const folder = (docUri && vscode.workspace.getWorkspaceFolder(docUri)) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const sourcesDir = vscode.Uri.joinPath(folder.uri, 'sources');
    try {
      const stat = await vscode.workspace.fs.stat(sourcesDir);
      if (stat.type & vscode.FileType.Directory) return vscode.Uri.joinPath(sourcesDir, CATALOG);
    } catch {
      /* no sources/ folder */
    }
    return vscode.Uri.joinPath(folder.uri, CATALOG);
  }

  /**
   * Change entities.yaml with a pure text → text function. Returns true when the file now says
   * what was asked (including when it already did).
   */
  async edit(label: string, change: (text: string) => string): Promise<boolean> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Source Research does not change entities.yaml in an untrusted workspace.');
      return false;
    }
    const uri = await this.catalogUri();
    if (!uri) {
      void vscode.window.showWarningMessage('Source Research: open a folder to keep an entities.yaml.');
      return false;
    }
    const doc = await applyYamlFileEdit({ uri, label, change, initialText: newCatalogText(), userError: CatalogEditError }, this.log);
    if (doc === 'unchanged') return true;
    if (!doc) return false;
    // The index follows at once (the file watcher will load the same text again).
    const id = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1).replace(/\\/g, '/');
    this.writer.loadCatalog(id, doc.getText());
    this.log.info(`${label}: ${id} updated.`);
    return true;
  }

  rename(e: EntitySummary, to: string): Promise<boolean> {
    return this.edit(`Rename ${e.name} to ${to}`, (text) => renameEntity(text, e.name, to, e.type));
  }

  merge(source: EntitySummary, target: EntitySummary): Promise<boolean> {
    return this.edit(`Merge ${source.name} into ${target.name}`, (text) =>
      mergeEntities(text, { name: source.name, type: source.type, aliases: source.aliases }, { name: target.name, type: target.type }),
    );
  }

  addAlias(e: EntitySummary, alias: string): Promise<boolean> {
    return this.edit(`Add alias ${alias} to ${e.name}`, (text) => addAlias(text, e.name, alias, e.type));
  }

  changeType(e: EntitySummary, type: EntityType): Promise<boolean> {
    return this.edit(`Change type of ${e.name} to ${TYPE_SINGULAR[type]}`, (text) => setType(text, e.name, type));
  }

  /**
   * Split Entity: the entity's mentions in `docIds` become the new entity `name` (a curated entry
   * whose forms found there are aliases scoped to those documents); the others stay where they are.
   */
  async split(e: EntitySummary, docIds: readonly string[], name: string): Promise<boolean> {
    const uri = await this.catalogUri();
    if (!uri) return this.edit(`Split ${e.name}`, (t) => t);
    const catalogId = vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1).replace(/\\/g, '/');
    const dir = catalogId.slice(0, catalogId.lastIndexOf('/') + 1);
    const picked = new Set(docIds);
    const outside = docIds.filter((d) => !d.startsWith(dir));
    if (outside.length > 0) {
      void vscode.window.showErrorMessage(`Source Research: ${outside[0]} is not in the folder of ${catalogId}, so entities.yaml cannot name it.`);
      return false;
    }
    // The forms the entity is written as in those documents (case variants once).
    const forms = new Map<string, string>();
    for (const m of this.corpus.mentionsOf(e.id)) {
      if (!picked.has(m.docId)) continue;
      const f = cleanSurface(m.text);
      if (f && !forms.has(foldKey(f))) forms.set(foldKey(f), f);
    }
    if (forms.size === 0) {
      void vscode.window.showWarningMessage(`Source Research: ${e.name} is not mentioned in the documents picked.`);
      return false;
    }
    const paths = docIds.map((d) => d.slice(dir.length));
    const n = docIds.length;
    return this.edit(`Split ${e.name}: ${name} in ${n} document${n === 1 ? '' : 's'}`, (text) => addScopedAliases(text, name, [...forms.values()], paths, e.type));
  }

  ignore(e: EntitySummary): Promise<boolean> {
    // The name and the forms it was found as: none of them should come back as an entity.
    const names = e.curated ? [e.name] : [e.name, ...e.aliases];
    return this.edit(`Ignore ${e.name}`, (text) => names.reduce((t, n) => ignoreName(t, n), text));
  }

  /** Open entities.yaml at the entity's entry. */
  async show(e: EntitySummary): Promise<vscode.TextEditor | undefined> {
    const uri = this.sources.catalogUri;
    if (!uri) {
      void vscode.window.showInformationMessage(`Source Research: there is no entities.yaml yet. Rename, merge, add an alias or ignore an entity to create one.`);
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const loc = entityLocation(doc.getText(), e.name) ?? e.aliases.map((a) => entityLocation(doc.getText(), a)).find((l) => l);
    const editor = await vscode.window.showTextDocument(doc, { preview: true });
    if (loc) {
      const range = new vscode.Range(loc.line, loc.character, loc.endLine, loc.endCharacter);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    } else {
      void vscode.window.showInformationMessage(`Source Research: ${e.name} is not in entities.yaml; it was found in the text.`);
    }
    return editor;
  }
}

export function registerCatalogEdits(deps: FeatureDeps, locator = new EntityLocator(deps.corpus, deps.sources)): vscode.Disposable {
  const { corpus } = deps;
  const editor = new CatalogEditor(corpus, deps.writer, deps.sources, deps.log);

  const entityOrPick = async (arg: unknown, title: string) =>
    entityFromArg(corpus, locator, arg) ?? (await pickEntity(corpus, { title }));

  return vscode.Disposable.from(
    vscode.commands.registerCommand('sourceResearch.entity.rename', async (arg?: unknown, newName?: unknown) => {
      const e = await entityOrPick(arg, 'Rename Entity');
      if (!e) return false;
      const to =
        typeof newName === 'string'
          ? newName
          : await vscode.window.showInputBox({
              title: escapeThemeIcons(`Rename ${e.name}`),
              prompt: `The new name of this ${TYPE_SINGULAR[e.type]} (the old one stays as an alias in entities.yaml)`,
              value: e.name,
              valueSelection: [0, e.name.length],
              validateInput: (v) => (!v.trim() ? 'The name cannot be empty.' : undefined),
            });
      if (to === undefined || !to.trim() || to.trim() === e.name) return false;
      return editor.rename(e, to.trim());
    }),
    vscode.commands.registerCommand('sourceResearch.entity.mergeInto', async (arg?: unknown, targetId?: unknown) => {
      const e = await entityOrPick(arg, 'Merge Entity');
      if (!e) return false;
      const target =
        typeof targetId === 'string'
          ? corpus.entity(targetId)
          : await pickEntity(corpus, { title: `Merge ${e.name} into…`, placeHolder: `The entity ${e.name} is another name for`, exclude: e.id, prefer: e.type });
      if (!target || target.id === e.id) return false;
      return editor.merge(e, target);
    }),
    vscode.commands.registerCommand('sourceResearch.entity.addAlias', async (arg?: unknown, alias?: unknown) => {
      const e = await entityOrPick(arg, 'Add Alias');
      if (!e) return false;
      const known = new Set([e.name, ...e.aliases].map(foldKey));
      const a =
        typeof alias === 'string'
          ? alias
          : await vscode.window.showInputBox({
              title: escapeThemeIcons(`Add an alias of ${e.name}`),
              prompt: 'Another name for the same entity; it will be found wherever it occurs',
              validateInput: (v) => (!v.trim() ? 'The alias cannot be empty.' : known.has(foldKey(v)) ? `${e.name} is already known by that name.` : undefined),
            });
      if (a === undefined || !a.trim()) return false;
      return editor.addAlias(e, a.trim());
    }),
    vscode.commands.registerCommand('sourceResearch.entity.changeType', async (arg?: unknown, newType?: unknown) => {
      const e = await entityOrPick(arg, 'Change Type');
      if (!e) return false;
      let type: EntityType | undefined;
      if (typeof newType === 'string') type = (ENTITY_TYPES as readonly string[]).includes(newType) ? (newType as EntityType) : undefined;
      else {
        const items = NAME_TYPES.filter((t) => t !== e.type).map((t) => ({ label: TYPE_SINGULAR[t], type: t }));
        const conf = e.typeConfidence !== undefined ? ` (the evidence for ${TYPE_SINGULAR[e.type]} is mixed: ${Math.round(e.typeConfidence * 100)}%)` : '';
        type = (await vscode.window.showQuickPick(items, { title: `Change the type of ${e.name}`, placeHolder: `Now a ${TYPE_SINGULAR[e.type]}${conf}; written to types: in entities.yaml` }))?.type;
      }
      if (!type || type === e.type) return false;
      return editor.changeType(e, type);
    }),
    vscode.commands.registerCommand('sourceResearch.entity.split', async (arg?: unknown, docIds?: unknown, newName?: unknown) => {
      const e = await entityOrPick(arg, 'Split Entity');
      if (!e) return false;
      return splitEntity(corpus, editor, e, docIds, newName);
    }),
    vscode.commands.registerCommand('sourceResearch.entity.ignore', async (arg?: unknown) => {
      const e = await entityOrPick(arg, 'Ignore Entity');
      if (!e) return false;
      return editor.ignore(e);
    }),
    vscode.commands.registerCommand('sourceResearch.entity.showInCatalog', async (arg?: unknown) => {
      const e = await entityOrPick(arg, 'Show in Catalog');
      return e ? editor.show(e) : undefined;
    }),
  );
}

/** Split Entity…: pick the documents where the entity is another one, then name it. */
async function splitEntity(corpus: Corpus, editor: CatalogEditor, e: EntitySummary, docIdsArg: unknown, newName: unknown): Promise<boolean> {
  const perDoc = new Map<string, number>();
  for (const m of corpus.mentionsOf(e.id)) perDoc.set(m.docId, (perDoc.get(m.docId) ?? 0) + 1);
  if (perDoc.size < 2) {
    void vscode.window.showInformationMessage(`Source Research: ${e.name} is mentioned in one document only; there is nothing to split.`);
    return false;
  }
  let docIds: string[] | undefined;
  if (Array.isArray(docIdsArg)) docIds = docIdsArg.filter((d): d is string => typeof d === 'string' && perDoc.has(d));
  else {
    const items = [...perDoc].map(([id, count]) => {
      const info = corpus.documentInfo(id);
      return {
        label: escapeThemeIcons(info?.label ?? info?.title ?? id),
        description: escapeThemeIcons(id),
        detail: `${count} mention${count === 1 ? '' : 's'}`,
        id,
      };
    });
    const picked = await vscode.window.showQuickPick(items, {
      title: escapeThemeIcons(`Split ${e.name}`),
      placeHolder: `The documents where "${e.name}" is someone or something else (the others keep ${e.name})`,
      canPickMany: true,
      matchOnDescription: true,
    });
    docIds = picked?.map((p) => p.id);
  }
  if (!docIds || docIds.length === 0) return false;
  if (docIds.length >= perDoc.size) {
    void vscode.window.showWarningMessage(`Source Research: pick some of the documents of ${e.name}, not all of them (to give it another name everywhere, use Rename).`);
    return false;
  }
  const taken = (v: string) => corpus.entities().some((x) => foldKey(x.name) === foldKey(v));
  const n = docIds.length;
  const name =
    typeof newName === 'string'
      ? newName
      : await vscode.window.showInputBox({
          title: escapeThemeIcons(`Split ${e.name}: the ${TYPE_SINGULAR[e.type]} of ${n} document${n === 1 ? '' : 's'}`),
          prompt: 'The name of the new entity (written to entities.yaml with the forms found there, scoped to those documents)',
          value: `${e.name} (2)`,
          valueSelection: [0, e.name.length + 4],
          validateInput: (v) => (!v.trim() ? 'The name cannot be empty.' : taken(v.trim()) ? `An entity is already named ${v.trim()}; pick a name that tells the two apart.` : undefined),
        });
  if (name === undefined || !name.trim() || taken(name.trim())) return false;
  return editor.split(e, docIds, name.trim());
}
