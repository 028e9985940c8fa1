package io.gatehouse.bench.soak;

import io.gatehouse.bench.support.ServerProcess;

/** Control tokens from the HTTP API, one per auth. */
final class Tokens {

    private Tokens() {
    }

    /** Makes the account if it is not there yet. */
    static void account(ServerProcess server, String user) throws Exception {
        try {
            server.post("/api/v1/accounts", "{\"username\":\"" + user + "\",\"password\":\"pw\"}");
        } catch (IllegalStateException e) {
            if (!e.getMessage().contains("409")) {
                throw e;
            }
        }
    }

    static String issue(ServerProcess server, String user) throws Exception {
        String body = server.post("/api/v1/tokens", "{\"username\":\"" + user + "\",\"ttl_seconds\":60}");
        int at = body.indexOf("\"token\":\"") + 9;
        return body.substring(at, body.indexOf('"', at));
    }
}
