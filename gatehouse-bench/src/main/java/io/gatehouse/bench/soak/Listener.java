package io.gatehouse.bench.soak;

import java.net.InetSocketAddress;

/** One socket the server listens on, by the name the report gives it. */
record Listener(String name, InetSocketAddress address) {
}
