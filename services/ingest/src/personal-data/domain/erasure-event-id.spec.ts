import { erasureEventId } from './erasure-event-id';

describe('erasureEventId', () => {
  it('is the same for the same erasure and differs for another customer or instant', () => {
    const id = erasureEventId('cust-1', '2026-11-20T10:00:00.000Z');
    expect(erasureEventId('cust-1', '2026-11-20T10:00:00.000Z')).toBe(id);
    expect(erasureEventId('cust-2', '2026-11-20T10:00:00.000Z')).not.toBe(id);
    expect(erasureEventId('cust-1', '2026-11-20T10:00:00.001Z')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
