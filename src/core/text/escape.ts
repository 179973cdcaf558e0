/** Escaping of untrusted text (source documents, YAML metadata) for Markdown. */

const MD_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&:"'=$^@%]/g;

/**
 * Escape text for Markdown so that it renders as the same characters and nothing else: no links,
 * emphasis, HTML, code, headings or lists. Line breaks become spaces (a quote stays one paragraph).
 */
export function escapeMarkdown(text: string): string {
  // `\$(name)` is the one form VS Code's theme-icon rendering leaves as text ("\$\(name\)" is
  // unescaped by Markdown first and then drawn as an icon), so the parentheses of a `$(name)` keep
  // no backslash (they open no link: every bracket is escaped).
  return text.replace(/\s+/g, ' ').replace(MD_SPECIAL, '\\$&').replace(ESCAPED_ICON, (_m, name: string) => `\\$(${name.replace(/\\/g, '')})`);
}

/** `$(name)` after escaping: `\$\(name\)` (hyphens and the modifier's tilde escaped too). */
const ESCAPED_ICON = /\\\$\\\(((?:[A-Za-z0-9]|\\-)+(?:\\~[A-Za-z]+)?)\\\)/g;

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
