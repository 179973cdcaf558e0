import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CorpusIndex } from '../../src/core/index/corpus';
import { OverlayCorpus } from '../../src/core/index/overlay';
import { RemoteIndex, type RemoteSnapshot } from '../../src/core/index/remote';

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

/** What the shared index would hold after `index` of these documents (as loadSnapshot returns it). */
function snapshotOf(docs: Record<string, string>): RemoteSnapshot {
  const index = new CorpusIndex();
  index.batch(() => {
    for (const [id, text] of Object.entries(docs)) index.upsertDocument(id, text);
  });
  return {
    documents: index.documents().map((d) => ({ id: d.id, contentHash: sha(index.text(d.id)!), title: d.title, chars: d.chars, text: index.text(d.id) })),
    entities: index.entities(),
    mentions: index.entities().flatMap((e) => index.mentionsOf(e.id)),
  };
}

const SHARED_ONLY = 'Ambassador Zarina Kovalenko met Prime Minister Keir Starmer in Vilnius.\n';
const BOTH = 'Prime Minister Keir Starmer spoke in London on Monday.\n';

describe('OverlayCorpus: the local folder with the shared index laid over it', () => {
  function setup() {
    const local = new CorpusIndex();
    local.upsertDocument('sources/local.txt', BOTH);
    const overlay = new OverlayCorpus(local, sha);
    // The shared index has the same text under another path, and a document of its own.
    overlay.setRemote(new RemoteIndex(snapshotOf({ 'desk/copy.txt': BOTH, 'desk/interview.txt': SHARED_ONLY })));
    return { local, overlay };
  }

  it('adds the shared-only documents and entities, and counts a shared copy of a local text once', () => {
    const { local, overlay } = setup();
    assert.deepEqual(overlay.documents().map((d) => d.id), ['desk/interview.txt', 'sources/local.txt']);
    assert.ok(overlay.isShared('desk/interview.txt'));
    assert.ok(!overlay.isShared('sources/local.txt'));
    const zarina = overlay.entities().find((e) => e.name === 'Zarina Kovalenko');
    assert.ok(zarina, 'the shared-only person is listed');
    assert.equal(local.entity(zarina.id), undefined);
    const starmer = overlay.entities().find((e) => e.name === 'Keir Starmer')!;
    assert.equal(starmer.mentionCount, 2, 'the local mention and the shared-only one, not the copy');
    assert.equal(starmer.documentCount, 2);
    assert.deepEqual(overlay.mentionsOf(starmer.id).map((m) => m.docId), ['sources/local.txt', 'desk/interview.txt']);
    const passages = overlay.passagesOf(zarina.id);
    assert.equal(passages.length, 1);
    assert.equal(passages[0]!.text, SHARED_ONLY.trim());
    const counts = overlay.typeCounts().find((c) => c.type === 'person')!;
    assert.equal(counts.mentions, overlay.entities().filter((e) => e.type === 'person').reduce((n, e) => n + e.mentionCount, 0));
  });

  it('finds shared names in any text, at offsets of shared documents, and in the entity picker', () => {
    const { overlay } = setup();
    const draft = 'Notes: Zarina Kovalenko and Keir Starmer.';
    const hits = overlay.findNames(draft);
    assert.deepEqual(hits.map((h) => h.text), ['Zarina Kovalenko', 'Keir Starmer']);
    assert.equal(overlay.nameAt(draft, draft.indexOf('Kovalenko'))?.text, 'Zarina Kovalenko');
    const at = overlay.mentionAt('desk/interview.txt', SHARED_ONLY.indexOf('Zarina') + 1);
    assert.equal(at?.text, 'Zarina Kovalenko');
    assert.equal(overlay.text('desk/interview.txt'), SHARED_ONLY);
    assert.ok(overlay.mentionsIn('desk/interview.txt').length >= 2);
    assert.deepEqual(overlay.search('zarina').map((e) => e.name), ['Zarina Kovalenko']);
  });

  it('lets the local folder win as it changes, and forgets the shared index when it is dropped', () => {
    const { local, overlay } = setup();
    let changes = 0;
    const sub = overlay.onDidChange(() => changes++);
    // The user adds the interview locally under its shared path: the local document wins.
    local.upsertDocument('desk/interview.txt', SHARED_ONLY + 'Edited locally.\n');
    assert.ok(!overlay.isShared('desk/interview.txt'));
    assert.equal(overlay.documents().filter((d) => d.id === 'desk/interview.txt').length, 1);
    overlay.setRemote(undefined);
    assert.ok(changes >= 2);
    assert.deepEqual(overlay.entities(), local.entities());
    assert.equal(overlay.version > 0, true);
    sub.dispose();
  });
});
