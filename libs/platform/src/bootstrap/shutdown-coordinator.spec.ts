import { Logger } from '@nestjs/common';
import { BaseServiceConfig } from '../config/base-service.config';
import { ReadinessRegistry } from '../health/readiness-registry';
import { ShutdownCoordinator } from './shutdown-coordinator';

describe('ShutdownCoordinator', () => {
  let readiness: ReadinessRegistry;
  let coordinator: ShutdownCoordinator;
  let exit: jest.SpyInstance;
  let logError: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    readiness = new ReadinessRegistry();
    const config = Object.assign(new BaseServiceConfig(), { SHUTDOWN_TIMEOUT_MS: 1000 });
    coordinator = new ShutdownCoordinator(readiness, config);
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('marks the service not ready as soon as shutdown starts', () => {
    coordinator.onModuleDestroy();

    expect(readiness.isShuttingDown).toBe(true);
  });

  it('exits with code 1 and logs an error when shutdown outlasts SHUTDOWN_TIMEOUT_MS', () => {
    coordinator.onModuleDestroy();

    jest.advanceTimersByTime(999);
    expect(exit).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(logError).toHaveBeenCalledWith(expect.stringContaining('did not finish within 1000 ms'));
  });

  it('does not exit when shutdown finishes in time', () => {
    coordinator.onModuleDestroy();
    coordinator.onApplicationShutdown();

    jest.advanceTimersByTime(5000);
    expect(exit).not.toHaveBeenCalled();
  });

  it('never keeps the process alive with its timer', () => {
    const unref = jest.fn();
    jest.spyOn(global, 'setTimeout').mockReturnValue({ unref } as unknown as NodeJS.Timeout);

    coordinator.onModuleDestroy();

    expect(unref).toHaveBeenCalled();
  });
});
