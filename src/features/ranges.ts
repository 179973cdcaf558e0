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

export function toSpan(doc: OffsetMap, range: vscode.Range): Span {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
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
