/**
 * npm run train [-- <conll-dir>] [--out models/ner-en.bin] [--epochs N] [--seed N] [--min-count N]
 *
 * Trains the entity tagger (src/core/tagger) on CoNLL-2003 train.txt, early-stopping on dev.txt,
 * and writes the quantised model. Default data directory: ../shared/data/conll2003 beside the repo.
 * The test split is never read.
 */
import countries from 'world-countries';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Tagger } from '../src/core/tagger';
import { parseConll } from '../src/core/tagger/conll';
import { Gazetteer } from '../src/core/tagger/features';
import { serialiseModel } from '../src/core/tagger/model';
import { scoreDocs, trainPerceptron } from '../src/core/tagger/perceptron';
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
 * External gazetteer from the world-countries package (a dependency of the extension): country
 * names, official names and capitals as LOC, English demonyms as MISC.
 */
function externalGazetteer(): Gazetteer {
  const g = new Gazetteer();
  const LOC = 2;
  const MISC = 3;
  for (const c of countries) {
    for (const n of [c.name.common, c.name.official, ...c.capital]) if (n) g.add(nameTokens(n), LOC);
    const d = c.demonyms?.eng;
    if (d) for (const n of [d.m, d.f]) if (n) g.add(nameTokens(n), MISC);
  }
  return g;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

async function main(): Promise<void> {
  const { positional, flags } = parseArgs(process.argv.slice(2));
  const root = await findRoot(__dirname, false);
  const dataDir = path.resolve(root, positional[0] ?? flags.get('data') ?? '../shared/data/conll2003');
  const out = path.resolve(root, flags.get('out') ?? MODEL_RELATIVE_PATH);
  const num = (k: string, d: number) => (flags.has(k) ? Number(flags.get(k)) : d);
  const opts = {
    maxEpochs: num('epochs', 40),
    patience: num('patience', 6),
    seed: num('seed', 1),
    minCount: num('min-count', 2),
    folds: num('folds', 10),
    log: (l: string) => console.log(l),
  };
  const t0 = Date.now();
  const trainDocs = parseConll(await readFile(path.join(dataDir, 'train.txt'), 'utf8'));
  const devDocs = parseConll(await readFile(path.join(dataDir, 'dev.txt'), 'utf8'));
  console.log(`train: ${trainDocs.length} documents; dev: ${devDocs.length} documents (${dataDir})`);
  const { model, best, epochs } = trainPerceptron(trainDocs, devDocs, externalGazetteer(), opts);
  const trainSeconds = (Date.now() - t0) / 1000;
  model.meta = {
    name: 'ner-en',
    data: 'CoNLL-2003 English train (dev for early stopping)',
    labels: 'BILOU over PER ORG LOC MISC',
    seed: opts.seed,
    minCount: opts.minCount,
    folds: opts.folds,
    bestEpoch: best.epoch,
    epochsRun: epochs.length,
    devF1: {
      microPerOrgLoc: round(best.devF1),
      PER: round(best.devScore.type(0).f),
      ORG: round(best.devScore.type(1).f),
      LOC: round(best.devScore.type(2).f),
      MISC: round(best.devScore.type(3).f),
    },
  };
  const bytes = serialiseModel(model);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, bytes);
  console.log(`best epoch ${best.epoch}; training took ${trainSeconds.toFixed(1)} s; model ${out}: ${(bytes.length / 1e6).toFixed(2)} MB`);

  // Check the quantised model as it will be loaded.
  const tl = Date.now();
  const tagger = Tagger.load(bytes);
  console.log(`model load ${Date.now() - tl} ms`);
  const sc = scoreDocs(
    devDocs.map((doc) => ({ doc })),
    (i) => tagger.tagLabels(devDocs[i]!.sentences.map((s) => s.tokens)).slice(),
  );
  console.log(`dev (quantised model):\n${sc.report()}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
