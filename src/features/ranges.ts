/**
 * The one place where core offsets (UTF-16 code units, as VS Code counts them) become editor
 * positions and ranges, and back.
 */
import * as vscode from 'vscode';
import { LineIndex } from '../core/text/text';
import type { Span } from '../core/types';

/** Anything that maps offsets to positions: an open document, or a LineIndex of a text that is not open. */
export type OffsetMap = vscode.TextDocument | LineIndex;

export function toPosition(doc: OffsetMap, offset: number): vscode.Position {
  const p = doc.positionAt(offset);
  return p instanceof vscode.Position ? p : new vscode.Position(p.line, p.character);
}

export function toRange(doc: OffsetMap, span: Span): vscode.Range {
  return new vscode.Range(toPosition(doc, span.start), toPosition(doc, span.end));
}

export function toOffset(doc: OffsetMap, pos: vscode.Position): number {
  return doc.offsetAt(pos);
}

/** A document's length in UTF-16 code units, without building its text (offsetAt clamps to the end). */
export function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(new vscode.Position(doc.lineCount, 0));
}

export function toSpan(doc: OffsetMap, range: vscode.Range): Span {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

const sameBreaks = (s: string) => s.replace(/\r\n?/g, '\n');

/**
 * The range of a span of a corpus document's text in the document VS Code has open, which may show
 * another text than the one the index read from disk: VS Code normalises lone-CR and mixed line
 * endings, and may decode the bytes differently. The span is mapped by line and character (lines
 * are the same, whatever the line endings), then checked against the text the editor shows; when
 * that text differs there, the nearest occurrence of the mention on the same line is taken.
 * Use this for every navigation to a mention (Go to Source, passage links, the Sources view).
 */
export function rangeInDocument(doc: vscode.TextDocument, corpusText: string | undefined, span: Span): vscode.Range {
  const shown = doc.getText();
  if (corpusText === undefined || shown === corpusText) return toRange(doc, span);
  const range = doc.validateRange(toRange(new LineIndex(corpusText), span));
  const want = sameBreaks(corpusText.slice(span.start, span.end));
  if (!want || sameBreaks(doc.getText(range)) === want) return range;
  // The editor decoded this line differently: look for the mention's text on the same line, nearest first.
  const line = doc.lineAt(range.start.line).text;
  const first = want.split('\n')[0]!;
  let best = -1;
  for (let i = line.indexOf(first); i >= 0; i = line.indexOf(first, i + 1)) {
    if (best < 0 || Math.abs(i - range.start.character) < Math.abs(best - range.start.character)) best = i;
  }
  if (best < 0) return range;
  const start = new vscode.Position(range.start.line, best);
  const end = doc.positionAt(doc.offsetAt(start) + (want.length + (want.split('\n').length - 1) * (doc.eol === vscode.EndOfLine.CRLF ? 1 : 0)));
  return new vscode.Range(start, end);
}

/** A LineIndex for a text (e.g. a corpus document that is not open in an editor). */
export function lineIndex(text: string): LineIndex {
  return new LineIndex(text);
}

/** A 0-based line/character problem position as a Range (an empty range widened to the rest of the line's first word is left to the caller). */
export function problemRange(p: { line: number; character: number; endLine?: number; endCharacter?: number }): vscode.Range {
  const start = new vscode.Position(Math.max(0, p.line), Math.max(0, p.character));
  const end =
    p.endLine !== undefined
      ? new vscode.Position(Math.max(0, p.endLine), Math.max(0, p.endCharacter ?? p.character))
      : start.translate(0, 1);
  return new vscode.Range(start, end.isBefore(start) ? start : end);
}
