package dev.livediffusion.http;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;

/**
 * Closes a connection whose request body has not fully arrived within {@code app.http.body-timeout}. The idle
 * timeout ({@code quarkus.http.idle-timeout}) closes connections that send nothing; a client that trickles a byte
 * now and then resets it, and without this would hold its connection, and a worker waiting on the body, for as long
 * as it likes.
 */
@ApplicationScoped
public class BodyTimeout {

    private final Vertx vertx;
    private final long timeoutMillis;

    BodyTimeout(Vertx vertx, @ConfigProperty(name = "app.http.body-timeout", defaultValue = "60s") Duration timeout) {
        this.vertx = vertx;
        this.timeoutMillis = timeout.toMillis();
    }

    void register(@Observes Filters filters) {
        filters.register(this::watch, RequestBodyLimits.PRIORITY + 1);
    }

    private void watch(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (!request.isEnded()) {
            vertx.setTimer(timeoutMillis, id -> {
                if (!request.isEnded()) {
                    request.connection().close();
                }
            });
        }
        routing.next();
    }
}
