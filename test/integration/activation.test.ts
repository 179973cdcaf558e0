import * as assert from 'node:assert';
import * as vscode from 'vscode';

describe('activation', () => {
  it('activates the extension', async () => {
    const ext = vscode.extensions.getExtension('source-research.source-research');
    assert.ok(ext, 'extension is installed');
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('registers the Source Research commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const c of ['sourceResearch.refresh', 'sourceResearch.openSource', 'sourceResearch.showLog']) {
      assert.ok(commands.includes(c), `${c} is registered`);
    }
  });
});
