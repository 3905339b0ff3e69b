// Integration and e2e tests wait on a real broker and database. jest-circus takes the timeout only
// from the global config or from jest.setTimeout, not from a project's entry, so it is set here.
jest.setTimeout(120_000);
