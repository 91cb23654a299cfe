package dev.livediffusion.blocklist;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** The blocklist as a text file, one {@code word<TAB>value} or {@code pattern<TAB>value} a line. */
@ApplicationScoped
public class BlocklistStore {

    private final Path file;

    BlocklistStore(BlocklistConfig config) {
        this.file = Path.of(config.blocklistFile());
    }

    List<BlockRule> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<BlockRule> rules = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    rules.add(BlockRule.of(BlockRule.Kind.parse(line.substring(0, tab)), line.substring(tab + 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the blocklist " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the blocklist " + file + " has a bad entry: " + e.getMessage(), e);
        }
        return rules;
    }

    /** Replaces the file at once (write beside it, then move), so a crash never leaves half a list. */
    void save(List<BlockRule> rules) {
        StringBuilder text = new StringBuilder();
        rules.forEach(r -> text.append(r.kind().label()).append('\t').append(r.value()).append('\n'));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "blocklist", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not save the blocklist " + file, e);
        }
    }
}
