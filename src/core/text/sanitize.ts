/**
 * Untrusted text (source documents, file names, YAML values) shown in places that interpret some
 * characters: a terminal (control characters, bidirectional overrides) and VS Code's labels, which
 * render `$(name)` as a theme icon. These escapes make such text show as the characters it is.
 */

/**
 * C0 and C1 control characters, DEL, and the bidirectional embedding, override and isolate
 * characters (which reorder what a terminal shows: "Trojan source").
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text for a terminal: each control character as a visible escape (`\x1b`, `\u202e`), nothing else changed. */
export function escapeControlChars(text: string): string {
  return text.replace(CONTROL, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** Does a text have a character escapeControlChars escapes? */
export function hasControlChars(text: string): boolean {
  CONTROL.lastIndex = 0;
  const r = CONTROL.test(text);
  CONTROL.lastIndex = 0;
  return r;
}

/** What VS Code renders as a theme icon (its own pattern): `$(name)` or `$(name~modifier)`. */
export const THEME_ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/**
 * Plain text for a label that renders theme icons (QuickPick label, description and detail, and
 * any other label with icon support): every `$(name)` gets the backslash VS Code reads as "not an
 * icon", so it shows as written (a backslash already in front of it is kept and shown too).
 */
export function escapeThemeIcons(text: string): string {
  return text.replace(THEME_ICON, (m) => `\\${m}`);
}
