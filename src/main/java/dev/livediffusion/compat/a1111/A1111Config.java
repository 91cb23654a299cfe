package dev.livediffusion.compat.a1111;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Optional;

/** The A1111 API's settings. */
@ConfigMapping(prefix = "app.a1111")
public interface A1111Config {

    /**
     * A1111's {@code --api-auth}: "user:password" pairs, comma-separated, one of which every {@code /sdapi/} request
     * must send as Basic credentials. Unset: none needed, and those sent are ignored, as A1111 without it does.
     */
    Optional<List<String>> apiAuth();
}
