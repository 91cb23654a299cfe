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
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Restores the administrator from the login cookie, which Quarkus encrypts and checks itself, as long as the
 * login it names is still open in the database (not logged out on any instance, not expired). The cookie of an
 * ended login is refused and cleared, so the redirect to the login form finds no cookie there to refuse again.
 */
@ApplicationScoped
public class AdminSessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final AdminSessions sessions;
    private final String cookieName;
    private final String cookiePath;

    AdminSessionIdentityProvider(AdminSessions sessions,
                                 @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookieName,
                                 @ConfigProperty(name = "quarkus.http.auth.form.cookie-path") String cookiePath) {
        this.sessions = sessions;
        this.cookieName = cookieName;
        this.cookiePath = cookiePath;
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
                        routing.response().addCookie(Cookie.cookie(cookieName, "").setPath(cookiePath).setMaxAge(0));
                    }
                    return new AuthenticationFailedException("this login has ended");
                }));
    }
}
