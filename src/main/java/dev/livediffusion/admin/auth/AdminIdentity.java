package dev.livediffusion.admin.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * The one administrator: user {@value #USER} with role {@value #ROLE}. The principal's name, which the login
 * cookie carries, is {@code admin:<session id>}, naming the {@link AdminSessions} entry that keeps it valid.
 */
public final class AdminIdentity {

    public static final String ROLE = "admin";
    static final String USER = "admin";
    private static final String PREFIX = USER + ":";

    private AdminIdentity() {
    }

    static SecurityIdentity create(AdminSessions.Session session) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(PREFIX + session.id())).addRole(ROLE).build();
    }

    /** The session id in a principal name made by {@link #create}, if it is one. */
    static Optional<String> sessionId(String principalName) {
        return principalName != null && principalName.startsWith(PREFIX)
                ? Optional.of(principalName.substring(PREFIX.length())) : Optional.empty();
    }

    /** The session id of the administrator logged in on this request, if one is. */
    static Optional<String> sessionId(RoutingContext routing) {
        if (routing.user() instanceof QuarkusHttpUser user && user.getSecurityIdentity().hasRole(ROLE)) {
            return sessionId(user.getSecurityIdentity().getPrincipal().getName());
        }
        return Optional.empty();
    }
}
