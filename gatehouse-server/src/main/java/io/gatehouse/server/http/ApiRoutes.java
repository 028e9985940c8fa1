package io.gatehouse.server.http;

import io.javalin.Javalin;

/**
 * One group of the HTTP API's calls, mounted by its own class on the API's server. Calls under
 * {@code /api/} are behind the admin key before they are reached.
 */
public interface ApiRoutes {

    void mount(Javalin app);
}
