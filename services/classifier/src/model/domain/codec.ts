import { TEXT_MODEL_FORMAT_VERSION } from './train';
import { FeatureSettings, HyperParameters, TextModel, TrainingInfo } from './text-model';

/**
 * A compact, exact binary form of a model, for a database column or a file.
 *
 *   bytes 0–3   "SLTM" (SupportLens text model)
 *   byte  4     format version (1); a blob of any other version is refused with a clear error
 *   bytes 5–7   zero
 *   bytes 8–11  header length H, uint32 little-endian
 *   12 … 12+H   JSON header: codes, feature settings, hyper-parameters, temperature, training info,
 *               the table size and U, the number of buckets stored
 *   then, from the next multiple of 4, little-endian:
 *               U × uint32   the buckets stored (those with a non-zero idf or weight), ascending
 *               U × float32  their idf
 *               U × K × f32  their weights (K = number of codes), bucket-major
 *               K × float32  the biases
 *
 * Only buckets that training touched are written (every other one is all zeros), so a model is
 * (4 + 4 + 4K) bytes per used bucket rather than per table bucket. Float32 values are copied bit for
 * bit and the JSON numbers print in their shortest exact form, so decode(encode(m)) equals m.
 */

const MAGIC = 'SLTM';
const SUPPORTED_VERSIONS: readonly number[] = [TEXT_MODEL_FORMAT_VERSION];
const PREAMBLE = 12;

interface Header {
  codes: string[];
  features: FeatureSettings;
  hyperParameters: HyperParameters;
  temperature: number;
  training: TrainingInfo;
  totalBuckets: number;
  storedBuckets: number;
}

export function encodeModel(model: TextModel): Buffer {
  const classes = model.codes.length;
  const total = model.features.wordBuckets + model.features.charBuckets;
  if (
    model.idf.length !== total ||
    model.weights.length !== total * classes ||
    model.bias.length !== classes
  ) {
    throw new Error('model arrays do not match its feature settings and codes');
  }
  const stored: number[] = [];
  for (let b = 0; b < total; b++) {
    if (!isPositiveZero(model.idf[b]) || !zeroRow(model.weights, b, classes)) stored.push(b);
  }
  const header: Header = {
    codes: model.codes,
    features: model.features,
    hyperParameters: model.hyperParameters,
    temperature: model.temperature,
    training: model.training,
    totalBuckets: total,
    storedBuckets: stored.length,
  };
  const json = Buffer.from(JSON.stringify(header, writeNonFinite), 'utf8');
  const arraysAt = align4(PREAMBLE + json.length);
  const size = arraysAt + 4 * (stored.length * (2 + classes) + classes);
  const buffer = Buffer.alloc(size);
  buffer.write(MAGIC, 0, 'latin1');
  buffer.writeUInt8(TEXT_MODEL_FORMAT_VERSION, 4);
  buffer.writeUInt32LE(json.length, 8);
  json.copy(buffer, PREAMBLE);

  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let at = arraysAt;
  for (const b of stored) {
    view.setUint32(at, b, true);
    at += 4;
  }
  for (const b of stored) {
    view.setFloat32(at, model.idf[b], true);
    at += 4;
  }
  for (const b of stored) {
    for (let k = 0; k < classes; k++) {
      view.setFloat32(at, model.weights[b * classes + k], true);
      at += 4;
    }
  }
  for (let k = 0; k < classes; k++) {
    view.setFloat32(at, model.bias[k], true);
    at += 4;
  }
  return buffer;
}

export function decodeModel(buffer: Buffer): TextModel {
  if (buffer.length < PREAMBLE || buffer.toString('latin1', 0, 4) !== MAGIC) {
    throw new Error('not a SupportLens text model (bad magic bytes)');
  }
  const version = buffer.readUInt8(4);
  if (!SUPPORTED_VERSIONS.includes(version)) {
    throw new Error(
      `text model format version ${version} is not supported (this build reads ${SUPPORTED_VERSIONS.join(', ')}); retrain the model`,
    );
  }
  const headerLength = buffer.readUInt32LE(8);
  if (PREAMBLE + headerLength > buffer.length) throw new Error('text model blob is truncated (header)');
  const header = JSON.parse(
    buffer.toString('utf8', PREAMBLE, PREAMBLE + headerLength),
    readNonFinite,
  ) as Header;
  const classes = header.codes.length;
  const total = header.totalBuckets;
  const stored = header.storedBuckets;
  if (total !== header.features.wordBuckets + header.features.charBuckets) {
    throw new Error('text model header is inconsistent (table size)');
  }
  const arraysAt = align4(PREAMBLE + headerLength);
  if (buffer.length !== arraysAt + 4 * (stored * (2 + classes) + classes)) {
    throw new Error('text model blob is truncated or has trailing bytes');
  }
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  const idf = new Float32Array(total);
  const weights = new Float32Array(total * classes);
  const bias = new Float32Array(classes);
  const buckets = new Uint32Array(stored);
  let at = arraysAt;
  for (let i = 0; i < stored; i++) {
    buckets[i] = view.getUint32(at, true);
    if (buckets[i] >= total) throw new Error('text model blob names a bucket outside its table');
    at += 4;
  }
  for (let i = 0; i < stored; i++) {
    idf[buckets[i]] = view.getFloat32(at, true);
    at += 4;
  }
  for (let i = 0; i < stored; i++) {
    const base = buckets[i] * classes;
    for (let k = 0; k < classes; k++) {
      weights[base + k] = view.getFloat32(at, true);
      at += 4;
    }
  }
  for (let k = 0; k < classes; k++) {
    bias[k] = view.getFloat32(at, true);
    at += 4;
  }
  return {
    formatVersion: version,
    codes: header.codes,
    features: header.features,
    hyperParameters: header.hyperParameters,
    idf,
    weights,
    bias,
    temperature: header.temperature,
    training: header.training,
  };
}

/** JSON has no Infinity or NaN (they would come back as null): they travel as {"$number": "Infinity"}. */
function writeNonFinite(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? { $number: String(value) } : value;
}

function readNonFinite(_key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && '$number' in value) {
    return Number((value as { $number: string }).$number);
  }
  return value;
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

/** 0 but not −0 (1 / −0 is −Infinity): a value a bucket left out of the blob decodes to exactly. */
function isPositiveZero(value: number): boolean {
  return value === 0 && 1 / value > 0;
}

function zeroRow(weights: Float32Array, bucket: number, classes: number): boolean {
  const base = bucket * classes;
  for (let k = 0; k < classes; k++) if (!isPositiveZero(weights[base + k])) return false;
  return true;
}
