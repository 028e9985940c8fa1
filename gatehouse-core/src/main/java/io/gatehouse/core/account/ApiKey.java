package io.gatehouse.core.account;

/** An API key pair: the public key id and the secret that signs requests. */
public record ApiKey(String appKey, String appSecret) {
}
