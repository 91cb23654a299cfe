package dev.livediffusion.admin.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Restores the administrator from the login cookie, which Quarkus encrypts and checks itself, as long as the
 * login it names is still open in the database (not logged out on any instance, not expired). The cookie of an
 * ended login is refused and cleared, so the redirect to the login form finds no cookie there to refuse again.
 */
@ApplicationScoped
public class AdminSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final AdminSessions sessions;

    AdminSessionIdentityProvider(AdminSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext routing = HttpSecurityUtils.getRoutingContextAttribute(request);
        return context.runBlocking(() -> AdminIdentity.sessionId(request.getPrincipal()).flatMap(sessions::find)
                .map(AdminIdentity::create)
                .orElseThrow(() -> {
                    if (routing != null) {
                        routing.response().addCookie(Cookie.cookie(FormLogin.COOKIE_NAME, "").setPath(FormLogin.COOKIE_PATH).setMaxAge(0));
                    }
                    return new AuthenticationFailedException("this login has ended");
                }));
    }
}
