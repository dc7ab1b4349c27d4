-- Tables of the example "Midtrans Trigger: each payment event recorded once (Postgres), order paid once"
-- (payment-events-exactly-once-postgres.json). Run once in the database its Postgres credential names;
-- `npm run start:queue` and `npm run test:queue` do it for you.

-- Your shop's orders. The workflow only sets paid_at and paid_by_event, once.
CREATE TABLE IF NOT EXISTS orders (
	order_id       text PRIMARY KEY,
	gross_amount   numeric(15, 2) NOT NULL,
	customer_email text,
	paid_at        timestamptz,
	paid_by_event  text
);

-- One row per distinct payment event: the primary key is the Midtrans Trigger's _midtrans.eventId, the same
-- for Midtrans's retries and resends of one event, whichever n8n process received them.
CREATE TABLE IF NOT EXISTS payment_events (
	event_id           text PRIMARY KEY,
	order_id           text NOT NULL,
	transaction_status text NOT NULL,          -- the status the trigger confirmed with Midtrans
	notified_status    text NOT NULL,          -- the status the notification that recorded it said
	gross_amount       numeric(15, 2) NOT NULL,
	execution_id       text,                   -- the n8n execution that recorded it
	recorded_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX IF NOT EXISTS payment_events_order_id ON payment_events (order_id);

-- Receipts to send, one per paid order. Deliberately no unique key: like an e-mail, only the workflow's
-- logic stands between an order and a second receipt, so a second one would show here.
CREATE TABLE IF NOT EXISTS receipts (
	receipt_id bigserial PRIMARY KEY,
	order_id   text NOT NULL,
	event_id   text NOT NULL,
	amount     numeric(15, 2) NOT NULL,
	created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
	sent_at    timestamptz
);
