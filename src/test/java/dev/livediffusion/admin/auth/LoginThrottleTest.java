package dev.livediffusion.admin.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Password guesses sent all at once are counted as they arrive, and only a few hashes are checked at once. */
class LoginThrottleTest {

    private static LoginThrottle throttle(int maxFailures, int maxGlobalFailures) {
        AdminConfig.Login login = new AdminConfig.Login() {
            public int maxFailures() {
                return maxFailures;
            }

            public Duration lockout() {
                return Duration.ofSeconds(30);
            }

            public Duration maxLockout() {
                return Duration.ofMinutes(15);
            }

            public int maxGlobalFailures() {
                return maxGlobalFailures;
            }
        };
        return new LoginThrottle(new AdminConfig() {
            public Optional<String> passwordHash() {
                return Optional.empty();
            }

            public String hashFile() {
                return "unused";
            }

            public String sessionKeyFile() {
                return "unused";
            }

            public Login login() {
                return login;
            }
        });
    }

    @Test
    void attemptsStillBeingCheckedAlreadyCountTowardsTheLockOut() {
        LoginThrottle throttle = throttle(5, 50);
        for (int i = 0; i < 5; i++) {
            // closed unanswered: its check slot is free again, but the guess stays counted as it did not succeed
            throttle.begin("10.0.0.1").orElseThrow().close();
        }
        assertTrue(throttle.begin("10.0.0.1").isEmpty(), "the sixth guess is refused before any answer came back");
        assertFalse(throttle.lockedFor("10.0.0.1").isZero());
        assertTrue(throttle.lockedFor("10.0.0.2").isZero(), "other addresses are not locked out");
    }

    @Test
    void aRightPasswordTakesItsAttemptBack() {
        LoginThrottle throttle = throttle(5, 50);
        for (int i = 0; i < 4; i++) {
            throttle.begin("10.0.0.3").orElseThrow().close();
        }
        try (LoginThrottle.Attempt right = throttle.begin("10.0.0.3").orElseThrow()) {
            right.succeeded();
        }
        assertTrue(throttle.lockedFor("10.0.0.3").isZero());
        throttle.begin("10.0.0.3").orElseThrow().close();
    }

    @Test
    void onlyAFewPasswordHashesAreCheckedAtOnce() {
        LoginThrottle throttle = throttle(100, 1000);
        List<LoginThrottle.Attempt> running = new ArrayList<>();
        for (int i = 0; i < LoginThrottle.MAX_CONCURRENT_CHECKS; i++) {
            running.add(throttle.begin("10.0.1." + i).orElseThrow());
        }
        assertTrue(throttle.begin("10.0.1.99").isEmpty(), "a check beyond the cap is refused");
        running.get(0).close();
        assertTrue(throttle.begin("10.0.1.99").isPresent(), "and let in once one finished");
    }

    @Test
    void guessesFromManyAddressesLockEveryoneOutAtTheGlobalLimit() {
        LoginThrottle throttle = throttle(5, 3);
        for (int i = 0; i < 3; i++) {
            throttle.begin("10.0.2." + i).orElseThrow().close();
        }
        assertTrue(throttle.begin("10.0.2.200").isEmpty());
        assertFalse(throttle.lockedFor("10.0.2.201").isZero(), "an address never seen before is locked out too");
    }
}
