import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import {
  decodeModel,
  encodeModel,
  predict,
  PredictOptions,
  TextModel,
  trainModel,
} from '../../services/classifier/src/model/domain';
import { defaultBitextFolder, loadBitext } from '../evaluate-classifier';

/**
 * `npm run bench:classifier`: how fast the statistical text model trains and classifies, on one core.
 *
 * Trains on the Bitext training set (timed), then classifies the 3,942 real test texts over and over:
 * a warm-up first (so the JIT has compiled the hot paths), then several timed runs of a fixed minimum
 * duration, once as the pipeline calls it (top 3 codes and a 5-term explanation) and once without the
 * explanation. Prints the median, min and max cases/second, nanoseconds per case, the training time,
 * the model's size and encode/decode times, and the Node version. JavaScript runs on one thread; for
 * a strict one-core figure run it under `taskset -c 0`.
 *
 * Options: --data DIR, --runs N (7, at least 5), --seconds S per run (1), --warmup S (1),
 * --trainings N (1). Exits with 1 when classification with explanations is below 20,000 cases/second
 * or training takes 60 seconds or more.
 */

const TARGET_PER_SECOND = 20_000;
const TARGET_TRAINING_SECONDS = 60;

interface Options {
  data: string;
  runs: number;
  seconds: number;
  warmup: number;
  trainings: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { data: '', runs: 7, seconds: 1, warmup: 1, trainings: 1 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '') as keyof Options;
    if (name === 'data') {
      options.data = argv[i + 1] ?? '';
      continue;
    }
    const value = Number(argv[i + 1]);
    if (!Object.hasOwn(options, name) || !Number.isFinite(value) || value <= 0) {
      throw new Error(`unknown option or bad value: ${argv[i]} ${argv[i + 1] ?? ''}`.trim());
    }
    options[name] = value;
  }
  options.runs = Math.max(5, Math.floor(options.runs)); // a median of fewer than 5 runs says little
  options.trainings = Math.max(1, Math.floor(options.trainings));
  options.data ||= defaultBitextFolder();
  return options;
}

let sink = 0; // every result feeds it, so no work can be optimised away

/** Classifies the texts over and over until `seconds` have passed; returns cases/second. */
function run(model: TextModel, texts: readonly string[], options: PredictOptions, seconds: number): number {
  const budget = BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let classified = 0;
  let elapsed = 0n;
  do {
    for (let i = 0; i < texts.length; i++) {
      const prediction = predict(model, texts[i], options);
      sink += prediction.candidates[0].confidence + prediction.explanation.length;
    }
    classified += texts.length;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budget);
  return classified / (Number(elapsed) / 1e9);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timed<T>(work: () => T): { result: T; seconds: number } {
  const start = process.hrtime.bigint();
  const result = work();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

const integer = (n: number) => Math.round(n).toLocaleString('en-US');

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const trainFile = join(options.data, 'train.csv');
  const testFile = join(options.data, 'test.csv');
  if (!existsSync(trainFile) || !existsSync(testFile)) {
    console.error(`Bitext data not found: expected ${trainFile} and ${testFile} (use --data DIR)`);
    process.exitCode = 2;
    return;
  }
  const train = loadBitext(trainFile);
  const texts = loadBitext(testFile).map((example) => example.text);

  const trainingTimes: number[] = [];
  let model: TextModel | undefined;
  for (let i = 0; i < options.trainings; i++) {
    const training = timed(() => trainModel(train));
    trainingTimes.push(training.seconds);
    model = training.result;
  }
  const trained = model!;
  const encoded = timed(() => encodeModel(trained));
  const decoded = timed(() => decodeModel(encoded.result));

  const modes: Array<{ name: string; options: PredictOptions }> = [
    { name: 'top 3 + explanation (5 terms)', options: { topK: 3, explain: 5 } },
    { name: 'top 3, no explanation', options: { topK: 3, explain: 0 } },
  ];
  const results = modes.map((mode) => {
    run(trained, texts, mode.options, options.warmup);
    const rates: number[] = [];
    for (let i = 0; i < options.runs; i++) rates.push(run(trained, texts, mode.options, options.seconds));
    return { ...mode, median: median(rates), min: Math.min(...rates), max: Math.max(...rates) };
  });

  console.log(
    `classifier benchmark: trained on ${integer(train.length)} Bitext examples (${trained.codes.length} codes), ` +
      `classifying ${integer(texts.length)} real test texts, one thread`,
  );
  console.log('');
  const header = ['mode', 'cases/s (median)', 'min', 'max', 'ns/case'];
  const rows = results.map((r) => [
    r.name,
    integer(r.median),
    integer(r.min),
    integer(r.max),
    integer(1e9 / r.median),
  ]);
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
  const line = (cells: string[]) =>
    '  ' + cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  console.log(line(header));
  console.log('  ' + widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
  console.log('');
  const facts: Array<[string, string]> = [
    [
      'training time',
      options.trainings === 1
        ? `${trainingTimes[0].toFixed(2)} s`
        : `${median(trainingTimes).toFixed(2)} s median of ${options.trainings} (min ${Math.min(...trainingTimes).toFixed(2)} s)`,
    ],
    [
      'model',
      `${(encoded.result.length / 1024 / 1024).toFixed(2)} MiB encoded (${integer(trained.training.usedBuckets)} buckets used), ` +
        `encode ${(encoded.seconds * 1000).toFixed(0)} ms, decode ${(decoded.seconds * 1000).toFixed(0)} ms`,
    ],
    ['runs', `${options.runs} × ≥ ${options.seconds} s per mode, after ${options.warmup} s warm-up`],
    [
      'node',
      `${process.version} (${process.platform} ${process.arch}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'})`,
    ],
  ];
  const width = Math.max(...facts.map(([name]) => name.length));
  for (const [name, value] of facts) console.log(`  ${name.padEnd(width)}  ${value}`);
  console.log('');

  const rate = results[0].median;
  const trainingSeconds = median(trainingTimes);
  const met = rate >= TARGET_PER_SECOND && trainingSeconds < TARGET_TRAINING_SECONDS;
  console.log(
    `targets ≥ ${integer(TARGET_PER_SECOND)} cases/s with explanations and training < ${TARGET_TRAINING_SECONDS} s: ` +
      `${met ? 'met' : 'NOT MET'} (sink ${sink.toFixed(0)}, printed so no work is optimised away)`,
  );
  if (!met) process.exitCode = 1;
}

main();
