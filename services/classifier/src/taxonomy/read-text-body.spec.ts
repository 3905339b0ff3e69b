import { PayloadTooLargeProblemException, ProblemException } from '@supportlens/platform';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { parseByteSize, readTextBody } from './read-text-body';

function requestOf(body: Buffer | string, headers: Record<string, string> = {}): Request {
  const stream = Readable.from([Buffer.from(body)]) as unknown as Request;
  Object.assign(stream, { headers: { 'content-type': 'text/csv', ...headers } });
  return stream;
}

describe('readTextBody', () => {
  it('reads a UTF-8 body', async () => {
    await expect(readTextBody(requestOf('code,name\nä,ö\n'), '1kb')).resolves.toBe('code,name\nä,ö\n');
  });

  it('answers 413 naming the limit, by the declared length or while reading', async () => {
    await expect(readTextBody(requestOf('x', { 'content-length': '2048' }), '1kb')).rejects.toBeInstanceOf(
      PayloadTooLargeProblemException,
    );
    await expect(readTextBody(requestOf('x'.repeat(1025)), '1kb')).rejects.toMatchObject({
      detail: 'The request body is larger than the limit of 1kb.',
    });
  });

  it('refuses other charsets and bytes that are not UTF-8', async () => {
    await expect(
      readTextBody(requestOf('a', { 'content-type': 'text/csv; charset=iso-8859-1' }), '1kb'),
    ).rejects.toMatchObject({ detail: 'The body must be UTF-8 (got charset=iso-8859-1).' });
    await expect(readTextBody(requestOf(Buffer.from([0x63, 0xe4, 0x0a])), '1kb')).rejects.toBeInstanceOf(
      ProblemException,
    );
  });
});

describe('parseByteSize', () => {
  it.each([
    ['1mb', 1048576],
    ['512KB', 524288],
    ['1 mb', 1048576],
    ['1.5mb', 1572864],
    ['1048576', 1048576],
    ['10b', 10],
  ])('reads %s as %d bytes, as body-parser does', (size, bytes) => {
    expect(parseByteSize(size)).toBe(bytes);
  });
});
