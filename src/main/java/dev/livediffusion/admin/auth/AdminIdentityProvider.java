package dev.livediffusion.admin.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks the login form's password against the admin password hash, behind the {@link LoginThrottle}. */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final AdminPassword password;
    private final LoginThrottle throttle;

    AdminIdentityProvider(AdminPassword password, LoginThrottle throttle) {
        this.password = password;
        this.throttle = throttle;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request, AuthenticationRequestContext context) {
        String client = clientAddress(HttpSecurityUtils.getRoutingContextAttribute(request));
        return context.runBlocking(() -> {
            if (!throttle.lockedFor(client).isZero()) {
                throw new AuthenticationFailedException("too many failed logins; locked out for now");
            }
            // The password is hashed even for a wrong user name, so timing tells nothing about which was wrong.
            boolean passwordOk = password.matches(request.getPassword().getPassword());
            if (!passwordOk || !AdminIdentity.USER.equals(request.getUsername())) {
                throttle.failed(client);
                throw new AuthenticationFailedException("wrong password");
            }
            throttle.succeeded(client);
            return AdminIdentity.create();
        });
    }

    static String clientAddress(RoutingContext context) {
        return context == null || context.request().remoteAddress() == null ? "unknown"
                : context.request().remoteAddress().hostAddress();
    }
}
