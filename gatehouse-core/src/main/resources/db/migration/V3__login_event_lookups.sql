-- Counting recent failed logins by username and by address (the marauroa front blocks
-- after too many) must not scan the whole event history.
CREATE INDEX login_events_by_username ON login_events (username, occurred_at);
CREATE INDEX login_events_by_address ON login_events (address, occurred_at);
