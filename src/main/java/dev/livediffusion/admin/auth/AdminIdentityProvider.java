package dev.livediffusion.admin.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import dev.livediffusion.http.ClientAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Checks the login form's password against the admin password hash, behind the {@link LoginThrottle}, and
 * opens an {@link AdminSessions} entry for a right one.
 */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final AdminPassword password;
    private final LoginThrottle throttle;
    private final AdminSessions sessions;

    AdminIdentityProvider(AdminPassword password, LoginThrottle throttle, AdminSessions sessions) {
        this.password = password;
        this.throttle = throttle;
        this.sessions = sessions;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String client = clientAddress(HttpSecurityUtils.getRoutingContextAttribute(request));
        return context.runBlocking(() -> {
            try (LoginThrottle.Attempt attempt = throttle.begin(client)
                    .orElseThrow(() -> new AuthenticationFailedException("login refused: locked out or too many at once"))) {
                // The password is hashed even for a wrong user name, so timing tells nothing about which was wrong.
                boolean passwordOk = password.matches(request.getPassword().getPassword());
                if (!passwordOk || !AdminIdentity.USER.equals(request.getUsername())) {
                    throw new AuthenticationFailedException("wrong password");
                }
                attempt.succeeded();
                return AdminIdentity.create(sessions.open());
            }
        });
    }

    static String clientAddress(RoutingContext context) {
        return ClientAddress.of(context == null ? null : context.request());
    }
}
