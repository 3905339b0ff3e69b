import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { PersistenceModule } from '@supportlens/persistence';
import { PlatformModule } from '@supportlens/platform';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { ClassifierConfig } from '../services/classifier/src/config/classifier.config';
import { classifierMigrations } from '../services/classifier/src/migrations';
import { parseLabelledFile } from '../services/classifier/src/training/domain/parse-labelled-file';
import { TrainingModule } from '../services/classifier/src/training/training.module';
import { TrainingService } from '../services/classifier/src/training/training.service';

/**
 * `npm run train -- --file labelled.csv|.jsonl [--force] [--only-file] [--note "..."]`: trains a model
 * version on the file's examples (plus the labels agents gave, unless --only-file), stores it with its
 * evaluation in the classifier's database, and promotes it if it is not worse. Running services pick
 * it up without a restart.
 */
@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'classifier-train', config: ClassifierConfig }),
    PersistenceModule.forRoot({ schema: 'classifier', entities: [], migrations: classifierMigrations }),
    TrainingModule,
  ],
})
class TrainingCliModule {}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main(): Promise<void> {
  const file = argument('file');
  if (!file)
    throw new Error('usage: npm run train -- --file labelled.csv|labelled.jsonl [--force] [--only-file]');
  const format = extname(file).toLowerCase() === '.jsonl' ? 'jsonl' : 'csv';
  const examples = parseLabelledFile(readFileSync(file, 'utf8'), format);
  console.log(`read ${examples.length} labelled examples from ${file}`);

  const app = await NestFactory.createApplicationContext(TrainingCliModule, { logger: ['error', 'warn'] });
  try {
    const outcome = await app.get(TrainingService).train({
      examples,
      onlyGivenExamples: process.argv.includes('--only-file'),
      force: process.argv.includes('--force'),
      note: argument('note') ?? `trained from ${file}`,
    });
    const { model } = outcome;
    console.log(
      `model version ${model.version}: ${model.promoted ? 'PROMOTED' : 'not promoted'} (${outcome.reason})\n` +
        `  trained on ${model.trainingExamples} examples of ${model.codes} codes in ${model.trainingSeconds.toFixed(1)} s\n` +
        `  held out ${model.holdoutExamples}: accuracy ${model.evaluation.accuracy.toFixed(4)}, macro-F1 ${model.evaluation.macroF1.toFixed(4)}`,
    );
  } finally {
    await app.close();
  }
}

main().catch((error: Error) => {
  console.error(`training failed: ${error.message}`);
  process.exit(1);
});
