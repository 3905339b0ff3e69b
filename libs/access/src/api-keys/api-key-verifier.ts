import { BeforeApplicationShutdown, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PgNotificationListener } from '@supportlens/persistence';
import { DataSource } from 'typeorm';
import { ApiKeyPrincipal } from './api-key';
import { hashApiKey, isWellFormedApiKey } from './api-key-secret';
import { ApiKeysRepository } from './api-keys.repository';
import { ACCESS_OPTIONS, AccessOptions } from '../access-options';

interface Cached {
  principal: ApiKeyPrincipal | undefined;
  until: number;
}

/** Unknown keys are remembered briefly too, so a client retrying a bad key does not cost a query each time. */
const UNKNOWN_KEY_TTL_MS = 5_000;
const MAX_CACHED_KEYS = 10_000;

/**
 * Answers "which live key is this?" for every request. Verified keys are cached (by hash, never the
 * key) for `cacheTtlMs`; a change to the keys table (a revocation) empties every instance's cache at
 * once through NOTIFY, and the TTL bounds staleness if a notification is missed.
 */
@Injectable()
export class ApiKeyVerifier implements OnModuleInit, BeforeApplicationShutdown {
  private readonly cache = new Map<string, Cached>();
  private readonly repository: ApiKeysRepository;
  private readonly listener: PgNotificationListener;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(ACCESS_OPTIONS) private readonly options: AccessOptions,
  ) {
    this.repository = new ApiKeysRepository(dataSource);
    this.listener = new PgNotificationListener(dataSource, {
      channel: 'access_api_keys',
      onNotification: () => this.cache.clear(),
      onListening: () => this.cache.clear(),
    });
  }

  onModuleInit(): void {
    this.listener.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.listener.stop();
  }

  /** The key's principal, or undefined when the key is malformed, unknown or revoked. */
  async verify(key: string): Promise<ApiKeyPrincipal | undefined> {
    if (!isWellFormedApiKey(key)) return undefined;
    const hash = hashApiKey(key);
    const now = Date.now();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    const principal = await this.repository.findLive(key);
    if (this.cache.size >= MAX_CACHED_KEYS) this.cache.clear();
    this.cache.set(hash, {
      principal,
      until:
        now + (principal ? this.options.cacheTtlMs : Math.min(UNKNOWN_KEY_TTL_MS, this.options.cacheTtlMs)),
    });
    return principal;
  }
}
