-- Order history (GET /api/v1/orders?status=) reads an account's placements and the latest non-fill
-- event of each order from book_events; fills come from executions (indexed by user and time).
CREATE INDEX book_events_orders_by_user ON book_events (user_id, symbol, order_id, seq) WHERE kind <> 'FILL';
CREATE INDEX book_events_placed_by_user ON book_events (user_id, time_ns) WHERE kind IN ('ACCEPTED', 'REJECTED');
