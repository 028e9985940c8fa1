package io.gatehouse.server;

import io.gatehouse.core.account.AccountService;
import io.gatehouse.core.account.ApiKeyService;
import io.gatehouse.core.account.TokenService;
import io.gatehouse.core.bus.Bus;
import io.gatehouse.core.session.SessionRegistry;
import io.gatehouse.core.time.Scheduler;

/** The core services the HTTP API and the fronts share. */
public record Services(Scheduler scheduler, AccountService accounts, TokenService tokens, ApiKeyService apiKeys,
                       SessionRegistry sessions, Bus bus) {
}
