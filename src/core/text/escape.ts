/** Escaping of untrusted text (source documents, YAML metadata) for Markdown. */

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&:"'=$^@%]/g;

/**
 * Escape text for Markdown so that it renders as the same characters and nothing else: no links,
 * emphasis, HTML, code, headings or lists. Line breaks become spaces (a quote stays one paragraph).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\s+/g, ' ').replace(MD_SPECIAL, '\\$&');
}

/**
 * A lighter escape for Markdown written for people to read and paste (the clipboard): only the
 * characters that could start markup are escaped (emphasis, code, links, HTML, tables, theme icons,
 * entities, a heading or list marker at the start), so "Smith-Jones: 5.3" stays readable.
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/\$(?=\()/g, '\\$')
    .replace(/&(?=#?\w+;)/g, '\\&')
    .replace(/^([#+-]|\d+[.)])(?=\s|$)/, (m) => m.replace(/[#+\-.)]/, '\\$&'));
}
