import { termPoolSql } from '../windows/domain/window-case';
import { TERM_POOL_INDEX_PREDICATE } from './1765900000000-case-facts-term-pool-opened';

describe('case_facts_term_pool_opened', () => {
  it("has the term pool's own predicate, so queries filtering by termPoolSql can use it", () => {
    expect(termPoolSql('f').replace(/\bf\./g, '')).toBe(TERM_POOL_INDEX_PREDICATE);
  });
});
