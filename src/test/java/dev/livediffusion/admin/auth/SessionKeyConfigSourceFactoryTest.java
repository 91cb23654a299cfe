package dev.livediffusion.admin.auth;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionKeyConfigSourceFactoryTest {

    @Test
    void theKeyIsMadeWhereTheAppRunsWhenAskedForNeverWhileTheConfigIsMerelyRead(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("data").resolve("admin-session.key");
        ConfigSource source = sources(Map.of(SessionKeyConfigSourceFactory.FILE, file.toString())).get(0);

        // a Quarkus build reads every source's names and values; this one names nothing, so no key is made or recorded
        assertTrue(source.getPropertyNames().isEmpty());
        assertFalse(Files.exists(file), "no key made before it is asked for");

        String key = source.getValue(SessionKeyConfigSourceFactory.KEY);
        assertEquals(44, key.length(), "32 random bytes, base64");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(key, source.getValue(SessionKeyConfigSourceFactory.KEY));
        assertEquals(key, sources(Map.of(SessionKeyConfigSourceFactory.FILE, file.toString())).get(0)
                .getValue(SessionKeyConfigSourceFactory.KEY), "kept: logins survive a restart");
    }

    @Test
    void aConfiguredKeyWins() {
        assertTrue(sources(Map.of(SessionKeyConfigSourceFactory.KEY, "k".repeat(32))).isEmpty());
    }

    private static List<ConfigSource> sources(Map<String, String> config) {
        Iterable<ConfigSource> sources = new SessionKeyConfigSourceFactory().getConfigSources(new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(config.get(name)).build();
            }

            @Override
            public List<String> getProfiles() {
                return List.of();
            }

            @Override
            public Iterator<String> iterateNames() {
                return config.keySet().iterator();
            }
        });
        return (List<ConfigSource>) sources;
    }
}
