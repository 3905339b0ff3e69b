import { decodeModel, encodeModel } from './codec';
import { predict } from './predict';
import { TextModel } from './text-model';
import { TEXT_MODEL_FORMAT_VERSION, trainModel } from './train';
import { SMALL_FEATURES, toyExamples } from './toy-examples.fixture';

describe('model codec', () => {
  let model: TextModel;
  beforeAll(() => {
    model = trainModel(toyExamples(20, 6), { features: SMALL_FEATURES });
  });

  it('round-trips exactly', () => {
    const blob = encodeModel(model);
    const decoded = decodeModel(blob);
    expect(decoded).toEqual(model);
    expect(Buffer.from(decoded.weights.buffer).equals(Buffer.from(model.weights.buffer))).toBe(true);
    expect(Buffer.from(decoded.idf.buffer).equals(Buffer.from(model.idf.buffer))).toBe(true);
    expect(decoded.temperature).toBe(model.temperature);
    expect(encodeModel(decoded).equals(blob)).toBe(true);
    for (const text of ['refund my invoice', 'parcel tracking', 'locked out']) {
      expect(predict(decoded, text)).toEqual(predict(model, text));
    }
  });

  it('stores only the buckets training touched', () => {
    const blob = encodeModel(model);
    const dense = (model.idf.length * (1 + model.codes.length) + model.codes.length) * 4;
    expect(blob.length).toBeLessThan(dense / 4);
    expect(blob.toString('latin1', 0, 4)).toBe('SLTM');
    expect(blob[4]).toBe(TEXT_MODEL_FORMAT_VERSION);
  });

  it('keeps values JSON cannot write, such as an infinite prior width', () => {
    const plain = trainModel(toyExamples(5, 6), {
      features: SMALL_FEATURES,
      temperaturePriorWidth: Infinity,
    });
    expect(decodeModel(encodeModel(plain)).hyperParameters.temperaturePriorWidth).toBe(Infinity);
  });

  it('refuses another format version, bad magic and damaged blobs with a clear error', () => {
    const blob = encodeModel(model);
    const future = Buffer.from(blob);
    future[4] = 9;
    expect(() => decodeModel(future)).toThrow(/format version 9 is not supported/);
    const other = Buffer.from(blob);
    other.write('NOPE', 0, 'latin1');
    expect(() => decodeModel(other)).toThrow(/bad magic/);
    expect(() => decodeModel(blob.subarray(0, blob.length - 4))).toThrow(/truncated/);
    expect(() => decodeModel(Buffer.concat([blob, Buffer.alloc(4)]))).toThrow(/trailing/);
    expect(() => decodeModel(Buffer.alloc(3))).toThrow(/bad magic/);
  });

  it('decodes from a Buffer that is a slice of a larger one', () => {
    const blob = encodeModel(model);
    const padded = Buffer.concat([Buffer.alloc(3), blob]).subarray(3);
    expect(decodeModel(padded)).toEqual(model);
  });
});

describe('model codec edge cases', () => {
  it('keeps −0 and weights on buckets with idf 0 exactly', () => {
    const model = trainModel(toyExamples(3, 1), { features: SMALL_FEATURES, holdoutFraction: 0 });
    const unused = model.idf.findIndex((v) => v === 0);
    model.weights[unused * model.codes.length] = -0;
    model.weights[unused * model.codes.length + 1] = 0.5;
    model.idf[unused + 1] = -0;
    const decoded = decodeModel(encodeModel(model));
    expect(Object.is(decoded.weights[unused * model.codes.length], -0)).toBe(true);
    expect(decoded.weights[unused * model.codes.length + 1]).toBe(0.5);
    expect(Object.is(decoded.idf[unused + 1], -0)).toBe(true);
  });
});
