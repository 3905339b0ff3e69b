import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { BaseServiceConfig, loadConfig } from '@supportlens/platform';
import { ClassifierConfig } from '../../services/classifier/src/config/classifier.config';
import { IngestConfig } from '../../services/ingest/src/config/ingest.config';
import { InsightsConfig } from '../../services/insights/src/config/insights.config';
import { SurveyScoringConfig } from '../../services/survey-scoring/src/config/survey-scoring.config';

// Checks docker-compose.yml and deploy/docker/Dockerfile against the code, without Docker: the
// services, their wiring, and above all that each service's environment satisfies its config class
// (the variables are read from the classes, so a new required variable fails here first).

const ROOT = join(__dirname, '..', '..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const DOCKERFILE = 'deploy/docker/Dockerfile';

type ConfigClass = new () => BaseServiceConfig;

const APP_SERVICES: Record<string, ConfigClass> = {
  ingest: IngestConfig,
  classifier: ClassifierConfig,
  'survey-scoring': SurveyScoringConfig,
  insights: InsightsConfig,
};
const APP_NAMES = Object.keys(APP_SERVICES);
const INFRA_NAMES = ['kafka', 'postgres'];

/** Variables compose may set that are no config class's business. */
const NON_CONFIG_VARIABLES = new Set(['NODE_OPTIONS', 'TZ']);

const UPPER_SNAKE_CASE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

// A parsed compose file is untyped YAML (spec files may use any).
type ComposeService = Record<string, any>;

// Compose supports `<<` merge keys (used for the shared x-service / env blocks); YAML 1.2 does not
// by default, so they are turned on here.
const compose = parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};
const services = compose.services;

/**
 * Compose's `${VAR}` interpolation as it resolves with no variable set in the shell: `${VAR:-x}`
 * and `${VAR-x}` give x, `$$` is a literal `$`. A reference without a default is reported, since
 * the value would then depend on whoever runs compose.
 */
function interpolate(value: string, missing: string[] = []): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, operator?: string, fallback?: string, bare?: string) => {
      if (match === '$$') return '$';
      if (operator === ':-' || operator === '-') return fallback ?? '';
      missing.push(braced ?? bare ?? match);
      return '';
    },
  );
}

/** A service's environment (map or KEY=VALUE list form), interpolated. */
function environmentOf(name: string, missing: string[] = []): Record<string, string> {
  const raw: unknown = services[name]?.environment ?? {};
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((line: string) => {
        const at = line.indexOf('=');
        return at < 0 ? [line, undefined] : [line.slice(0, at), line.slice(at + 1)];
      })
    : Object.entries(raw as Record<string, unknown>);
  const env: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (value === undefined || value === null) continue; // passed through from the shell: unset here
    env[key] = interpolate(String(value), missing);
  }
  return env;
}

/** Every UPPER_SNAKE_CASE variable the config class reads: fields with defaults and decorated fields. */
function declaredVariables(cls: ConfigClass): string[] {
  const withDefaults = Object.keys(new cls());
  const validated = getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .map((metadata) => metadata.propertyName);
  return [...new Set([...withDefaults, ...validated])].filter((name) => UPPER_SNAKE_CASE.test(name)).sort();
}

function defaultOf(cls: ConfigClass, variable: string): unknown {
  return (new cls() as unknown as Record<string, unknown>)[variable];
}

/**
 * Variables the class may go without: `@IsOptional()`, or required only under a condition
 * (`@ValidateIf`, e.g. the SASL settings with KAFKA_SECURITY_PROTOCOL=SASL_SSL) — a deployment that
 * does not meet the condition leaves them unset. Both are class-validator's conditional validations.
 */
function isConditional(cls: ConfigClass, variable: string): boolean {
  return getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .some((metadata) => metadata.propertyName === variable && metadata.type === 'conditionalValidation');
}

/** "30s", "1m30s", "500ms" -> milliseconds (compose duration syntax). */
function durationMs(text: string): number {
  const units: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  const rest = text.replace(/(\d+(?:\.\d+)?)(us|ms|s|m|h)/g, (_, amount: string, unit: string) => {
    total += Number(amount) * units[unit];
    return '';
  });
  if (rest.trim() !== '' || total === 0) throw new Error(`not a compose duration: ${text}`);
  return total;
}

function hostOf(hostPort: string): string {
  return hostPort.trim().replace(/:\d+$/, '');
}

describe('docker-compose.yml', () => {
  it('declares the four services, kafka, postgres and migrate', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining([...APP_NAMES, ...INFRA_NAMES, 'migrate']));
  });

  it.each([...APP_NAMES, ...INFRA_NAMES])('%s has a healthcheck', (name) => {
    const healthcheck = services[name].healthcheck;
    expect(healthcheck).toBeDefined();
    expect(healthcheck.disable).not.toBe(true);
    expect(
      Array.isArray(healthcheck.test) ? healthcheck.test.length : String(healthcheck.test).length,
    ).toBeGreaterThan(1);
  });

  it.each(APP_NAMES)('%s checks /health/ready on its own PORT', (name) => {
    const test = ([] as string[]).concat(services[name].healthcheck.test).join(' ');
    expect(test).toContain('/health/ready');
    expect(test).toContain('process.env.PORT');
  });

  it.each(APP_NAMES)('%s starts after kafka and postgres are healthy and migrate has completed', (name) => {
    expect(services[name].depends_on).toMatchObject({
      kafka: { condition: 'service_healthy' },
      postgres: { condition: 'service_healthy' },
      migrate: { condition: 'service_completed_successfully' },
    });
  });

  it.each(APP_NAMES)('%s restarts unless stopped and has 30s to drain on SIGTERM', (name) => {
    expect(services[name].restart).toBe('unless-stopped');
    expect(durationMs(services[name].stop_grace_period)).toBeGreaterThanOrEqual(30_000);
  });

  it.each(APP_NAMES)('%s is built from deploy/docker/Dockerfile with its SERVICE arg', (name) => {
    const build = services[name].build;
    expect(build.dockerfile).toBe(DOCKERFILE);
    expect(existsSync(join(ROOT, build.context ?? '.', build.dockerfile))).toBe(true);
    expect(build.args).toMatchObject({ SERVICE: name });
    // What the image's CMD runs: dist/services/<name>/src/main.js, compiled from this file.
    expect(existsSync(join(ROOT, 'services', name, 'src', 'main.ts'))).toBe(true);
  });

  it.each(APP_NAMES)('%s publishes the port it listens on', (name) => {
    const port = String(loadConfig(APP_SERVICES[name], environmentOf(name)).PORT);
    const containerPorts = (services[name].ports ?? []).map((mapping: unknown) =>
      typeof mapping === 'object' && mapping !== null
        ? String((mapping as { target: unknown }).target)
        : interpolate(String(mapping)).split(':').pop(),
    );
    expect(containerPorts).toContain(port);
  });

  describe('environment of each service against its config class', () => {
    it.each(APP_NAMES)('%s: the variables are read from the config class', (name) => {
      const declared = declaredVariables(APP_SERVICES[name]);
      // Guards the reading itself: the base class's variables, with and without defaults, are found.
      expect(declared).toEqual(
        expect.arrayContaining(['DATABASE_URL', 'KAFKA_BROKERS', 'KAFKA_CLIENT_ID', 'PORT']),
      );
      expect(declared).toEqual(expect.arrayContaining(declaredVariables(BaseServiceConfig)));
    });

    it.each(APP_NAMES)('%s: every variable without a default is set', (name) => {
      const cls = APP_SERVICES[name];
      const env = environmentOf(name);
      const unset = declaredVariables(cls).filter(
        (variable) =>
          defaultOf(cls, variable) === undefined &&
          !isConditional(cls, variable) &&
          (env[variable] ?? '') === '',
      );
      expect(unset).toEqual([]);
    });

    it.each(APP_NAMES)('%s: sets no variable its config class does not read (typos)', (name) => {
      const declared = new Set(declaredVariables(APP_SERVICES[name]));
      const unknown = Object.keys(environmentOf(name)).filter(
        (variable) => !declared.has(variable) && !NON_CONFIG_VARIABLES.has(variable),
      );
      expect(unknown).toEqual([]);
    });

    it.each(APP_NAMES)('%s: no value depends on a host variable without a default', (name) => {
      const missing: string[] = [];
      environmentOf(name, missing);
      expect(missing).toEqual([]);
    });

    it.each(APP_NAMES)("%s: passes the config class's own validation", (name) => {
      expect(() => loadConfig(APP_SERVICES[name], environmentOf(name))).not.toThrow();
    });

    it.each(APP_NAMES)('%s: runs in production mode', (name) => {
      expect(loadConfig(APP_SERVICES[name], environmentOf(name)).NODE_ENV).toBe('production');
    });

    it.each(APP_NAMES)('%s: KAFKA_BROKERS names the kafka service as it advertises itself', (name) => {
      const config = loadConfig(APP_SERVICES[name], environmentOf(name));
      const advertised = interpolate(String(services.kafka.environment.KAFKA_ADVERTISED_LISTENERS));
      expect(config.kafkaBrokers.length).toBeGreaterThan(0);
      for (const broker of config.kafkaBrokers) {
        expect(services[hostOf(broker)]).toBeDefined();
        expect(['127.0.0.1', 'localhost']).not.toContain(hostOf(broker));
        expect(advertised).toContain(`://${broker}`);
      }
    });

    it.each(APP_NAMES)('%s: DATABASE_URL points at the postgres service with its credentials', (name) => {
      const url = new URL(loadConfig(APP_SERVICES[name], environmentOf(name)).DATABASE_URL);
      const postgres = environmentOf('postgres');
      expect(url.hostname).toBe('postgres');
      expect(services[url.hostname]).toBeDefined();
      expect(url.port || '5432').toBe('5432');
      expect(decodeURIComponent(url.username)).toBe(postgres.POSTGRES_USER ?? 'postgres');
      expect(decodeURIComponent(url.password)).toBe(postgres.POSTGRES_PASSWORD);
      expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    });

    it.each(APP_NAMES)('%s: KAFKA_REPLICATION_FACTOR fits the single broker', (name) => {
      expect(loadConfig(APP_SERVICES[name], environmentOf(name)).KAFKA_REPLICATION_FACTOR).toBe(1);
    });

    it.each(APP_NAMES)('%s: SHUTDOWN_TIMEOUT_MS ends before Docker kills the container', (name) => {
      const config = loadConfig(APP_SERVICES[name], environmentOf(name));
      expect(config.SHUTDOWN_TIMEOUT_MS).toBeLessThan(durationMs(services[name].stop_grace_period));
    });
  });

  describe('migrate', () => {
    it('runs the migrations with the app image once postgres is healthy, and is not restarted', () => {
      const migrate = services.migrate;
      expect(migrate.command).toEqual(['node', 'dist/scripts/migrate.js']);
      expect(existsSync(join(ROOT, 'scripts', 'migrate.ts'))).toBe(true);
      expect(migrate.build?.dockerfile ?? services.ingest.build.dockerfile).toBe(DOCKERFILE);
      expect(migrate.depends_on).toMatchObject({ postgres: { condition: 'service_healthy' } });
      expect(migrate.restart).toBe('no');
    });

    it('uses the same DATABASE_URL as the services', () => {
      const url = environmentOf('migrate').DATABASE_URL;
      expect(url).toMatch(/^postgres(ql)?:\/\/[^@]+@postgres:5432\//);
      for (const name of APP_NAMES) expect(environmentOf(name).DATABASE_URL).toBe(url);
    });
  });

  describe('kafka', () => {
    const env = () => environmentOf('kafka');

    it('is a single KRaft node acting as broker and controller', () => {
      expect(services.kafka.image).toMatch(/^apache\/kafka:/);
      expect(env()).toMatchObject({
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      });
      expect(env().KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${env().KAFKA_NODE_ID}@kafka:9093`);
    });

    it('does not create topics on demand and has a bounded heap', () => {
      expect(env().KAFKA_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
      expect(env().KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
      expect(env().KAFKA_HEAP_OPTS).toMatch(/-Xmx\d+[mg]/);
    });

    it('advertises kafka:9092 to containers and localhost to the host', () => {
      expect(env().KAFKA_ADVERTISED_LISTENERS).toContain('PLAINTEXT://kafka:9092');
      expect(env().KAFKA_ADVERTISED_LISTENERS).toMatch(/EXTERNAL:\/\/localhost:\d+/);
    });

    it.each(['kafka', 'postgres'])('%s keeps its data in a named volume', (name) => {
      const volumes: string[] = services[name].volumes ?? [];
      const named = volumes
        .map((volume) => String(volume).split(':')[0])
        .filter((source) => /^[\w-]+$/.test(source));
      expect(named.length).toBeGreaterThan(0);
      for (const volume of named) expect(Object.keys(compose.volumes ?? {})).toContain(volume);
    });
  });
});

describe('deploy/docker/Dockerfile', () => {
  const dockerfilePath = join(ROOT, DOCKERFILE);
  const dockerfile = existsSync(dockerfilePath) ? readFileSync(dockerfilePath, 'utf8') : '';
  /** Instructions with continuation lines joined, comments dropped. */
  const instructions = dockerfile
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const runtime = instructions.slice(instructions.map((line) => /^FROM\s/i.test(line)).lastIndexOf(true));

  it('exists', () => {
    expect(dockerfile).not.toBe('');
  });

  it('runs the final stage as a non-root user', () => {
    const users = runtime.filter((line) => /^USER\s/i.test(line)).map((line) => line.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(['root', '0', '0:0']).not.toContain(users[users.length - 1]);
  });

  it('takes the service as ARG SERVICE and keeps it as ENV SERVICE', () => {
    expect(runtime).toContain('ARG SERVICE');
    expect(runtime.some((line) => /^ENV\s+SERVICE=\$\{?SERVICE\}?$/.test(line))).toBe(true);
  });

  it('accepts each of the four services', () => {
    for (const name of APP_NAMES) expect(dockerfile).toContain(name);
  });

  it('execs node on the service entry point, so SIGTERM reaches node', () => {
    const cmd = runtime.filter((line) => /^CMD\s/i.test(line)).pop() ?? '';
    expect(cmd).toMatch(/exec node dist\/services\/\$\{?SERVICE\}?\/src\/main\.js/);
  });

  it('has a HEALTHCHECK on /health/live that needs no curl', () => {
    const healthcheck = runtime.find((line) => /^HEALTHCHECK\s/i.test(line)) ?? '';
    expect(healthcheck).toContain('/health/live');
    expect(healthcheck).toContain('fetch(');
    expect(healthcheck).not.toMatch(/\bcurl\b|\bwget\b/);
  });

  it('builds with npm ci, prunes dev dependencies and sets NODE_ENV=production', () => {
    expect(dockerfile).toMatch(/npm ci\b/);
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(runtime.some((line) => /^ENV\s+NODE_ENV=production$/.test(line))).toBe(true);
  });

  it('has a .dockerignore that keeps node_modules, dist and .git out of the context', () => {
    const ignore = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split(/\r?\n/);
    expect(ignore).toEqual(expect.arrayContaining(['node_modules', 'dist', '.git']));
  });
});
