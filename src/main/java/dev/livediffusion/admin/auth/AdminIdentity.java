package dev.livediffusion.admin.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * The one administrator: user {@value #USER} with role {@value #ROLE}. The principal's name, which the login
 * cookie carries, is {@code admin:<session id>}, naming the {@link AdminSessions} entry that keeps it valid. The
 * identity also carries that login's CSRF token, so checking a request's token needs no second lookup.
 */
public final class AdminIdentity {

    public static final String ROLE = "admin";
    static final String USER = "admin";
    private static final String PREFIX = USER + ":";
    private static final String CSRF_TOKEN = "dev.livediffusion.admin.csrf-token";

    private AdminIdentity() {
    }

    static SecurityIdentity create(AdminSessions.Session session) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(PREFIX + session.id())).addRole(ROLE)
                .addAttribute(CSRF_TOKEN, session.csrfToken()).build();
    }

    /** The session id in a principal name made by {@link #create}, if it is one. */
    static Optional<String> sessionId(String principalName) {
        return principalName != null && principalName.startsWith(PREFIX)
                ? Optional.of(principalName.substring(PREFIX.length())) : Optional.empty();
    }

    /** The session id of the administrator logged in on this request, if one is. */
    static Optional<String> sessionId(RoutingContext routing) {
        return admin(routing).flatMap(identity -> sessionId(identity.getPrincipal().getName()));
    }

    /** The CSRF token of the login this request is made with; empty without one. */
    public static Optional<String> csrfToken(RoutingContext routing) {
        return admin(routing).map(identity -> identity.getAttribute(CSRF_TOKEN));
    }

    private static Optional<SecurityIdentity> admin(RoutingContext routing) {
        return routing.user() instanceof QuarkusHttpUser user && user.getSecurityIdentity().hasRole(ROLE)
                ? Optional.of(user.getSecurityIdentity()) : Optional.empty();
    }
}
