package dev.livediffusion.database;

import dev.livediffusion.files.PrivateFiles;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The generated passwords of the app's role and of the superuser, kept with the data in {@value #FILE} (mode 0600,
 * inside the 0700 data directory). The app connects with the first; the second only serves {@link AccessLockdown}
 * and an operator's maintenance.
 */
record Passwords(String app, String superuser) {

    static final String FILE = "passwords.properties";

    static Passwords loadOrCreate(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE);
        if (Files.exists(file)) {
            return load(dataDirectory);
        }
        Passwords created = new Passwords(random(), random());
        Properties properties = new Properties();
        properties.setProperty(AccessLockdown.APP_ROLE, created.app);
        properties.setProperty(AccessLockdown.SUPERUSER, created.superuser);
        StringWriter text = new StringWriter();
        properties.store(text, "Passwords of the embedded PostgreSQL's roles (scram-sha-256 logins over the socket in this directory)");
        PrivateFiles.write(file, text.toString());
        return created;
    }

    static Passwords load(Path dataDirectory) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(dataDirectory.resolve(FILE))));
        return new Passwords(properties.getProperty(AccessLockdown.APP_ROLE), properties.getProperty(AccessLockdown.SUPERUSER));
    }

    @Override
    public String toString() {
        return "Passwords[hidden]";
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
