import { ArgumentsHost, Logger } from '@nestjs/common';
import { ProblemDetailsFilter } from './problem-details.filter';
import { ValidationProblemException } from './validation-problem.exception';

function fakeResponse() {
  const response = {
    headersSent: false,
    err: undefined as unknown,
    status: jest.fn().mockReturnThis(),
    set: jest.fn().mockReturnThis(),
    type: jest.fn().mockReturnThis(),
    send: jest.fn().mockReturnThis(),
    end: jest.fn(),
  };
  return response;
}

function httpHost(request: object, response: object): ArgumentsHost {
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ArgumentsHost;
}

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();
  let logError: jest.SpyInstance;
  let logWarn: jest.SpyInstance;

  beforeEach(() => {
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    logWarn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sends the problem as application/problem+json with its status and headers', () => {
    const response = fakeResponse();
    const request = { method: 'POST', path: '/cases', url: '/cases?x=1', originalUrl: '/cases?x=1', log: {} };

    filter.catch(
      new ValidationProblemException([{ field: 'a', message: 'a is bad' }]),
      httpHost(request, response),
    );

    expect(response.status).toHaveBeenCalledWith(400);
    expect(response.set).toHaveBeenCalledWith({});
    expect(response.type).toHaveBeenCalledWith('application/problem+json');
    expect(JSON.parse(response.send.mock.calls[0][0] as string)).toMatchObject({
      status: 400,
      instance: '/cases',
    });
    expect(logError).not.toHaveBeenCalled();
    expect(logWarn).not.toHaveBeenCalled();
  });

  it('hands unexpected errors to the request logger when it saw the request', () => {
    const response = fakeResponse();
    const error = new Error('boom');

    filter.catch(error, httpHost({ method: 'GET', path: '/x', url: '/x', log: {} }, response));

    expect(response.err).toBe(error);
    expect(logError).not.toHaveBeenCalled();
    expect(response.status).toHaveBeenCalledWith(500);
  });

  it('logs unexpected errors itself when the request logger did not see the request', () => {
    const response = fakeResponse();

    filter.catch(new Error('boom'), httpHost({ method: 'GET', path: '/x', url: '/x' }, response));

    expect(logError).toHaveBeenCalledWith(
      'GET /x answered 500: Error: boom',
      expect.stringContaining('Error: boom'),
    );
  });

  it('logs client errors as warnings when the request logger did not see the request', () => {
    const response = fakeResponse();
    const tooLarge = Object.assign(new Error('request entity too large'), {
      status: 413,
      type: 'entity.too.large',
      limit: 10,
    });

    filter.catch(tooLarge, httpHost({ method: 'POST', path: '/events', url: '/events' }, response));

    expect(logWarn).toHaveBeenCalledWith(
      'POST /events answered 413: The request body is larger than the limit of 10 bytes.',
    );
  });

  it('only ends the response when headers were already sent', () => {
    const response = { ...fakeResponse(), headersSent: true };

    filter.catch(new Error('late'), httpHost({ method: 'GET', path: '/x', url: '/x', log: {} }, response));

    expect(response.end).toHaveBeenCalled();
    expect(response.send).not.toHaveBeenCalled();
  });

  it('rethrows outside HTTP so other transports keep their own handling', () => {
    const host = { getType: () => 'rpc' } as unknown as ArgumentsHost;
    const error = new Error('kafka handler failed');

    expect(() => filter.catch(error, host)).toThrow(error);
  });
});
