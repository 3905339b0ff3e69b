import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolveRequestId } from './request-id';

function exchange(header?: string | string[]) {
  const req = {
    headers: header === undefined ? {} : { 'x-request-id': header },
  } as unknown as IncomingMessage;
  const res = { setHeader: jest.fn() };
  return { req, res, resolve: () => resolveRequestId(req, res as unknown as ServerResponse) };
}

describe('resolveRequestId', () => {
  it("keeps the caller's x-request-id and echoes it", () => {
    const { res, resolve } = exchange('req-7f3a:01');

    expect(resolve()).toBe('req-7f3a:01');
    expect(res.setHeader).toHaveBeenCalledWith('x-request-id', 'req-7f3a:01');
  });

  it.each([undefined, '', 'has spaces', 'line\nbreak', 'x'.repeat(129), ['a', 'b']])(
    'makes up a UUID instead of %p',
    (header) => {
      const { res, resolve } = exchange(header);

      const id = resolve();

      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(res.setHeader).toHaveBeenCalledWith('x-request-id', id);
    },
  );
});
