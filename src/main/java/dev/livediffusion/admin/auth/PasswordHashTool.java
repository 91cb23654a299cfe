package dev.livediffusion.admin.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Prints the hash of a password for {@code app.admin.password-hash}:
 * {@code java -cp target/quarkus-app/app/live-diffusion-*.jar dev.livediffusion.admin.auth.PasswordHashTool}
 * (asks for the password, or reads one line from standard input).
 */
public final class PasswordHashTool {

    private PasswordHashTool() {
    }

    public static void main(String[] args) throws IOException {
        Console console = System.console();
        char[] password = console != null ? console.readPassword("admin password: ")
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine().toCharArray();
        if (password == null || password.length < AdminPassword.MIN_LENGTH) {
            System.err.println("the password needs at least " + AdminPassword.MIN_LENGTH + " characters");
            System.exit(1);
        }
        System.out.println(PasswordHash.create(password).encoded());
    }
}
