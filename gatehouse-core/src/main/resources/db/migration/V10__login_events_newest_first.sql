-- An account's login events are read newest first, the latest one at every marauroa login
-- (its "previous login" line). With the id in the index as well, both H2 and PostgreSQL walk
-- the index backwards and stop at the first row, where (account_id, occurred_at) alone left
-- them to sort every event of the account on each read.
DROP INDEX login_events_by_account;
CREATE INDEX login_events_newest_first ON login_events (account_id, occurred_at, id);
