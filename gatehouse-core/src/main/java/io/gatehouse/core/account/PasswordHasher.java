package io.gatehouse.core.account;

/** Turns passwords into self-describing hashes and checks passwords against them. */
public interface PasswordHasher {

    /** A new salted hash of {@code password}, with its parameters encoded in the text. */
    String hash(char[] password);

    /** True when {@code password} matches {@code encoded}; constant time in the hash length. */
    boolean verify(char[] password, String encoded);
}
