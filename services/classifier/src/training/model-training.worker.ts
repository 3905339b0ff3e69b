import { parentPort, workerData } from 'node:worker_threads';
import { runTrainingJob, TrainingJobInput } from './domain/training-job';

// Runs one training job on its own thread, so the service's event loop (HTTP, Kafka heartbeats)
// stays responsive while the CPU trains.
const input = workerData as TrainingJobInput;
input.currentModel = input.currentModel ? Buffer.from(input.currentModel) : undefined;
const result = runTrainingJob(input);
parentPort!.postMessage(result);
