package dev.livediffusion.http;

import io.vertx.core.http.HttpServerRequest;

/**
 * The address a request comes from, as throttles and quotas count clients: the peer, or where
 * {@code quarkus.http.proxy.*} trusts a proxy, the address it forwards.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        return request == null || request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
