package io.gatehouse.core.account;

/** One login attempt: who, when, from where, through which front, and how it ended. */
public record LoginEvent(Long accountId, String username, long atMillis, String address, String front, LoginResult result) {
}
