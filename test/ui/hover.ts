/** Moving the mouse onto a word of the editor, as a user does to see its hover card. */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export async function hoverWord(page: Page, word: string): Promise<void> {
  const box = (await page.evaluate(`((w) => {
    const lines = document.querySelector('.editor-instance .monaco-editor .view-lines');
    if (!lines) return undefined;
    const walker = document.createTreeWalker(lines, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = (n.textContent || '').indexOf(w);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + w.length);
      const b = r.getBoundingClientRect();
      return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return undefined;
  })(${JSON.stringify(word)})`)) as { x: number; y: number } | undefined;
  assert.ok(box, `${word} is visible in the editor`);
  await page.mouse.move(box.x - 40, box.y);
  await page.mouse.move(box.x, box.y, { steps: 5 });
}
