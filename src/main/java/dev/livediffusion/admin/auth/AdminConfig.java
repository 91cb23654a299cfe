package dev.livediffusion.admin.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The admin area's login. */
@ConfigMapping(prefix = "app.admin")
public interface AdminConfig {

    /** A {@link PasswordHash} (make one with PasswordHashTool); unset, a generated password's hash is kept in the database. */
    Optional<String> passwordHash();

    /** Where earlier versions kept the generated password's hash: imported into the database at its first start. */
    @WithDefault("data/admin-password.hash")
    String hashFile();

    /** Where earlier versions kept the login cookie's key: imported into the database at its first start. */
    @WithDefault("data/admin-session.key")
    String sessionKeyFile();

    Login login();

    interface Login {
        /** Failed logins from one address before it is locked out for a while. */
        @WithDefault("5")
        int maxFailures();

        /** The first lock-out; each further failure doubles it. */
        @WithDefault("30s")
        Duration lockout();

        @WithDefault("15m")
        Duration maxLockout();

        /** Failed logins from all addresses together before every login is locked out (guessing from many hosts). */
        @WithDefault("50")
        int maxGlobalFailures();
    }
}
