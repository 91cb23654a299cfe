package dev.livediffusion.admin.auth;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The request's CSRF token for templates: {@code {inject:csrf.value}}, {@code {inject:csrf.field}}. */
@Named("csrf")
@RequestScoped
public class CsrfToken {

    @Inject
    RoutingContext routing;

    public String value() {
        return AdminIdentity.csrfToken(routing).orElse("");
    }

    public String field() {
        return CsrfProtection.FIELD;
    }
}
