package io.gatehouse.server.config;

import io.gatehouse.core.transport.HostPort;

/** The section of a front that this build does not have yet: only {@code enabled} and {@code bind}. */
public record FrontToggle(boolean enabled, HostPort bind) {
}
