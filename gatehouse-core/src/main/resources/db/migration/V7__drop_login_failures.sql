-- Failed logins are throttled in memory now (io.gatehouse.core.limits.LoginThrottle), per
-- address and per account from one address, so nothing reads this table any more; a failed
-- login of a known account joins its login_events in batches, one that names no account is
-- only counted.
DROP TABLE login_failures;
