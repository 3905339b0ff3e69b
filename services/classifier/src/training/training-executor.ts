import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { runTrainingJob, TrainingJobInput, TrainingJobResult } from './domain/training-job';

/**
 * Runs a training job on a worker thread when the service runs from compiled JavaScript. Under the test
 * runner (TypeScript sources, no compiled worker file) it runs in-process, which is the same code.
 */
@Injectable()
export class TrainingExecutor {
  run(input: TrainingJobInput): Promise<TrainingJobResult> {
    const workerFile = join(__dirname, 'model-training.worker.js');
    if (!existsSync(workerFile)) return Promise.resolve().then(() => runTrainingJob(input));
    return new Promise((resolve, reject) => {
      const worker = new Worker(workerFile, { workerData: input });
      worker.once('message', (result: TrainingJobResult) => {
        resolve({ ...result, model: Buffer.from(result.model) });
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code !== 0) reject(new Error(`training worker exited with code ${code}`));
      });
    });
  }
}
