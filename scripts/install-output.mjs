// What of the VS Code install's output a user needs to see when it fails (used by install-vscode.mjs;
// a successful install shows none of it, only how long it took and where its log is).
//
// code-server's postinstall builds VS Code's native modules. node-pre-gyp first tries to download
// a prebuilt binary; with no network to its host that prints "node-pre-gyp ERR! … ENOTFOUND" and
// then builds from source, which succeeds. Those lines, and npm's and gyp's chatter, are harmless:
// they go to the install log only, and the whole log is shown if the install fails.

const HARMLESS = [
  /\bnode-pre-gyp\b/i, // prebuilt-binary download attempts (ERR!/WARN/info … ENOTFOUND, "Falling back to source compile")
  /\bENOTFOUND\b|\bEAI_AGAIN\b|getaddrinfo/,
  /^\s*gyp (info|http|WARN|verb)\b/,
  /^npm (warn|notice|info|http|verb)\b/i,
  /^\s*(CC|CXX|LINK|SOLINK|SOLINK_MODULE|COPY|ACTION|TOUCH|AR)\(\w+\)/, // compiler lines
  /^\s*make(\[\d+\])?: (Entering|Leaving) directory/,
  /^\s*(In file included from|\s+from )/,
  /warning: /i,
  /^\s*\|/, // compiler caret diagnostics
  /^\s*\^/,
  /^> /, // npm lifecycle script banners
  /^\s*$/,
];

/** Is a line of the install's output harmless (kept out of the user's sight)? */
export function harmlessInstallLine(line) {
  return HARMLESS.some((re) => re.test(line));
}

/** The lines of an install's output worth showing when it succeeded. */
export function visibleInstallLines(output) {
  return output.split(/\r?\n/).filter((l) => !harmlessInstallLine(l));
}
