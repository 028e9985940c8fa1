package io.gatehouse.core.account;

/** The account an API key belongs to, with the key's signing secret. */
public record ApiKeyOwner(Account account, String appSecret) {
}
