import type * as vscode from 'vscode';
import type { Corpus, CorpusWriter } from '../core/index/api';
import type { QuoteIndex } from '../core/quotes/quoteIndex';
import type { Config } from '../config';
import type { Log } from '../log';
import type { WorkspaceCorpus } from './workspaceCorpus';
import type { FormatDocuments } from './formatDocuments';

/** What every feature's register…(deps) gets from extension.ts. */
export interface FeatureDeps {
  readonly context: vscode.ExtensionContext;
  /** The index (read side). */
  readonly corpus: Corpus;
  /** The index (write side): features that edit entities.yaml go through the workspace files instead. */
  readonly writer: CorpusWriter;
  /** Maps doc ids to workspace files and keeps the index in step with them. */
  readonly sources: WorkspaceCorpus;
  readonly config: Config;
  /** Format, metadata, pages and OCR spans of every document; the text views of non-text sources. */
  readonly formats: FormatDocuments;
  readonly log: Log;
  /** The quotes of the corpus (the Entities view lists a person's quotes, the hover counts them). */
  readonly quotes?: QuoteIndex;
}
