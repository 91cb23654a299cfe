package dev.livediffusion.admin.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The one administrator: user {@value #USER} with role {@value #ROLE}. */
final class AdminIdentity {

    static final String USER = "admin";
    static final String ROLE = "admin";

    private AdminIdentity() {
    }

    static SecurityIdentity create() {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(USER)).addRole(ROLE).build();
    }
}
