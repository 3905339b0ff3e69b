import { loadConfig, register } from 'tsconfig-paths';

/**
 * Jest's moduleNameMapper covers test files but not globalSetup/globalTeardown, which Jest loads
 * itself; this makes the `@supportlens/*` aliases of tsconfig.json resolve there too.
 */
const config = loadConfig(__dirname);
if (config.resultType === 'success') {
  register({ baseUrl: config.absoluteBaseUrl, paths: config.paths });
}
