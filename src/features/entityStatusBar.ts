/** The status bar item "$(book) 42 entities · 2 sources"; a click focuses the Entities view. */
import * as vscode from 'vscode';
import type { Corpus } from '../core/index/api';
import { plural } from '../core/index/entityText';
import type { FeatureDeps } from './deps';

export function statusText(corpus: Corpus): { text: string; entities: number; sources: number } {
  const entities = corpus.entities().length;
  const sources = corpus.documents().length;
  return { text: `$(book) ${plural(entities, 'entity', 'entities')} · ${plural(sources, 'source')}`, entities, sources };
}

export function registerEntityStatusBar(deps: FeatureDeps): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('sourceResearch.status', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Source Research';
  item.command = 'sourceResearch.entities.focus';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = () => {
    timer = undefined;
    const s = statusText(deps.corpus);
    item.text = s.text;
    item.tooltip = `Source Research: ${plural(s.entities, 'entity', 'entities')} found in ${plural(s.sources, 'source document')}. Click to show the Entities view.`;
    item.accessibilityInformation = { label: item.tooltip };
    if (s.sources > 0) item.show();
    else item.hide();
  };
  update();
  const sub = deps.corpus.onDidChange(() => {
    timer ??= setTimeout(update, 100);
  });
  return vscode.Disposable.from(item, {
    dispose: () => {
      sub.dispose();
      if (timer) clearTimeout(timer);
    },
  });
}
