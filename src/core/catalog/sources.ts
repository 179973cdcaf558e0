/**
 * sources.yaml: metadata of the source documents of a folder.
 *
 *   sources:
 *     press-release.txt:          # path relative to the folder of sources.yaml
 *       title: ...
 *       authors: [A, B]            # or a single string
 *       publisher: ...
 *       date: 2023-06-05           # YYYY, YYYY-MM or YYYY-MM-DD (quoted or not)
 *       url: https://...
 *       kind: press release
 *       note: ...
 *   exclude:                     # files that are not sources (the user's drafts): "Not a Source"
 *     - my-draft.md
 *
 * parseSources reports problems with 0-based positions. A YAML syntax error (or a top level that is
 * not a mapping) gives no result, so the caller keeps the last good one. A bad value drops only that
 * field (error); an unknown field is a warning; a document entry that is not a mapping is skipped.
 */
import { isMap, isScalar, isSeq, Scalar } from 'yaml';
import type { Problem, SourceMeta } from '../types';
import { KEPT_LAST_GOOD, nodeRange, parseYaml, problemAt, scalarString, yamlProblems } from './yamlUtil';

const FIELDS = ['title', 'authors', 'publisher', 'date', 'url', 'kind', 'note'] as const;
const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function parseSources(text: string, file: string): { sources?: Map<string, SourceMeta>; exclude?: string[]; problems: Problem[] } {
  const { doc, lines } = parseYaml(text);
  const problems: Problem[] = [...yamlProblems(file, lines, doc.errors, 'error', text), ...yamlProblems(file, lines, doc.warnings, 'warning', text)];
  if (doc.errors.length > 0) return { problems };
  const at = (node: unknown, message: string, severity: Problem['severity'] = 'error') =>
    problems.push(problemAt(file, lines, nodeRange(node), message, severity));
  const sources = new Map<string, SourceMeta>();
  const exclude: string[] = [];
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { sources, exclude, problems };
  if (!isMap(root)) {
    at(root, `sources.yaml must be a mapping with a "sources" key. ${KEPT_LAST_GOOD}`);
    return { problems };
  }
  for (const top of root.items) {
    const key = scalarString(top.key, text);
    if (key === 'exclude') {
      parseExclude(top.value, text, exclude, at);
      continue;
    }
    if (key !== 'sources') {
      at(top.key, `Unknown section "${key ?? ''}"; sources.yaml has a "sources" mapping and an "exclude" list.`, 'warning');
      continue;
    }
    const value = top.value;
    if (value === null || value === undefined || (isScalar(value) && value.value === null)) continue;
    if (!isMap(value)) {
      at(value, `"sources" must map file paths to their metadata ("press-release.txt:" lines), not a list or a single value. ${KEPT_LAST_GOOD}`);
      return { problems };
    }
    for (const entry of value.items) {
      const written = pathKey(entry.key, text, at);
      const path = written?.trim().replace(/\\/g, '/').replace(/^\.\//, '');
      if (!path) {
        at(entry.key, 'A source needs a file path as its key.');
        continue;
      }
      if (sources.has(path)) {
        at(entry.key, `"${path}" is listed twice; the first entry is used.`);
        continue;
      }
      const v = entry.value;
      if (v === null || v === undefined || (isScalar(v) && v.value === null)) {
        sources.set(path, {});
        continue;
      }
      if (!isMap(v)) {
        at(v, `The metadata of "${path}" must be a mapping (title, authors, publisher, date, url, kind, note).`);
        continue;
      }
      const meta: { -readonly [K in keyof SourceMeta]: SourceMeta[K] } = {};
      for (const p of v.items) {
        const k = scalarString(p.key, text);
        const node = p.value;
        if (node === null || node === undefined || (isScalar(node) && node.value === null)) continue;
        if (k === 'authors') {
          const items = isSeq(node) ? node.items : [node];
          const authors: string[] = [];
          for (const a of items) {
            const s = scalarString(a, text)?.trim();
            if (s) authors.push(s);
            else if (!isScalar(a)) at(a, 'An author must be a name.');
          }
          meta.authors = authors;
        } else if (k === 'date') {
          const s = scalarString(node, text)?.trim();
          if (s === undefined || !validDate(s)) {
            at(node, `Bad date${s ? ` "${s}"` : ''}: write YYYY, YYYY-MM or YYYY-MM-DD.`);
            continue;
          }
          meta.date = s;
        } else if (k !== undefined && (FIELDS as readonly string[]).includes(k)) {
          const s = scalarString(node, text);
          if (s === undefined) {
            at(node, `"${k}" must be text.`);
            continue;
          }
          meta[k as 'title'] = s.trim();
        } else {
          at(p.key, `Unknown field "${k ?? ''}" (known: ${FIELDS.join(', ')}).`, 'warning');
        }
      }
      sources.set(path, meta);
    }
  }
  return { sources, exclude, problems };
}

/** `exclude:` a list of paths (relative to the folder of sources.yaml), or a single path. */
function parseExclude(value: unknown, text: string, out: string[], at: (node: unknown, message: string) => void): void {
  if (value === null || value === undefined || (isScalar(value) && value.value === null)) return;
  const items = isSeq(value) ? value.items : [value];
  for (const item of items) {
    const s = scalarString(item, text)?.trim().replace(/\\/g, '/').replace(/^\.\//, '');
    if (!s) {
      at(item, '"exclude" lists file paths (the files that are not sources).');
      continue;
    }
    if (!out.includes(s)) out.push(s);
  }
}

/**
 * A path key as written. In double quotes a backslash starts an escape ("sub\notes.txt" holds a
 * line break): a key whose escapes make control characters is read as the Windows path it was
 * meant to be, with a warning.
 */
function pathKey(key: unknown, text: string, at: (node: unknown, message: string, severity?: Problem['severity']) => void): string | undefined {
  const value = scalarString(key, text);
  // eslint-disable-next-line no-control-regex -- escapes that made control characters
  if (value === undefined || !isScalar(key) || key.type !== Scalar.QUOTE_DOUBLE || !/[\u0000-\u001f]/.test(value)) return value;
  const r = (key as Scalar).range;
  const raw = r ? text.slice(r[0], r[1]).trim().replace(/^"([\s\S]*)"$/, '$1') : value;
  const meant = raw.replace(/\\\\/g, '\\').replace(/\\/g, '/');
  at(key, `In double quotes a backslash starts an escape ("\\n" is a line break), so this path is read as "${meant}": write it with "/" or in single quotes.`, 'warning');
  return meant;
}

function validDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  if (m[2] === undefined) return true;
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return false;
  if (m[3] === undefined) return true;
  const d = Number(m[3]);
  return d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * The date of a document from its sources.yaml date (YYYY, YYYY-MM, YYYY-MM-DD; missing month or
 * day taken as the first), as a local-time Date at noon, so that the calendar day is the same in
 * every time zone for code that reads local fields (getFullYear/getMonth/getDate). Undefined when
 * missing or malformed.
 */
export function parseDocDate(date: string | undefined): Date | undefined {
  if (!date) return undefined;
  const s = date.trim();
  if (!validDate(s)) return undefined;
  const m = DATE_RE.exec(s)!;
  const d = new Date(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1, 12);
  // Years 0..99 are mapped to 1900.. by the Date constructor.
  d.setFullYear(Number(m[1]));
  return d;
}
