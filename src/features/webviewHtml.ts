/**
 * The HTML shell of our webviews: a strict Content Security Policy with a nonce, only bundled
 * assets (dist/webview, media), the theme through VS Code's CSS variables. The page holds no text
 * from the sources: that arrives by message and the scripts put it in with textContent.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export type WebviewScript = 'search' | 'timeline' | 'network';

export function webviewRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')];
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: webviewRoots(extensionUri) };
}

/** The page: `body` is our own static markup (never source text). */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, script: WebviewScript, title: string, body: string, options: { css?: boolean } = {}): string {
  const nonce = randomBytes(18).toString('base64');
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${title}</title>
${options.css ? `<link rel="stylesheet" nonce="${nonce}" href="${asset('dist', 'webview', `${script}.css`)}">` : ''}
<link rel="stylesheet" nonce="${nonce}" href="${asset('media', 'webview.css')}">
</head>
<body class="sr-${script}">
${body}
<script nonce="${nonce}" src="${asset('dist', 'webview', `${script}.js`)}"></script>
</body>
</html>`;
}

/** Text for a QuickPick label or description: theme icons and control characters made harmless. */
export function plainLabel(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\$\(/g, '\\$(');
}
