import {
  PayloadTooLargeProblemException,
  ProblemException,
  ValidationProblemException,
} from '@supportlens/platform';
import type { Request } from 'express';

/**
 * Reads a text body (a CSV import) that the global body parser, which takes JSON only, left
 * unread: the same HTTP_BODY_LIMIT (413 problem naming it), UTF-8 only (a BOM is dropped later by
 * the CSV reader). Libraries' text parsers are not dependencies of this project and libs/platform
 * installs the JSON parser alone, so the route reads its own body.
 */
export async function readTextBody(request: Request, limit: string): Promise<string> {
  const maxBytes = parseByteSize(limit);
  const charset = /;\s*charset="?([^";\s]+)"?/i.exec(request.headers['content-type'] ?? '')?.[1];
  if (charset && !/^(utf-?8|us-ascii)$/i.test(charset)) {
    throw new ProblemException({
      status: 415,
      type: 'unsupported-media-type',
      title: 'Unsupported Media Type',
      detail: `The body must be UTF-8 (got charset=${charset}).`,
    });
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeProblemException(limit);

  const bytes = await new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanUp = () => {
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanUp();
        // Read and drop the rest, so that the answer is not stuck behind an unread upload.
        request.resume();
        reject(new PayloadTooLargeProblemException(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanUp();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationProblemException(
      [{ field: '(body)', message: 'the body is not valid UTF-8' }],
      'The request body is not valid UTF-8.',
    );
  }
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** body-parser's reading of a size ("1mb", "512kb", "1048576"), which HTTP_BODY_LIMIT is validated against. */
export function parseByteSize(size: string): number {
  const match = /^(\d+(?:\.\d+)?) *(b|kb|mb|gb)?$/i.exec(size.trim());
  if (!match) throw new Error(`not a size: ${JSON.stringify(size)}`);
  return Math.floor(Number(match[1]) * UNITS[(match[2] ?? 'b').toLowerCase()]);
}
