package io.gatehouse.core.account;

/** Whether an account may log in. */
public enum AccountStatus {
    ACTIVE,
    BANNED,
    DISABLED
}
