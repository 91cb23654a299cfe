package dev.livediffusion.blocklist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The text file the blocklist was kept in before the database, one {@code word<TAB>value} or {@code pattern<TAB>value} a line. */
final class BlocklistFile {

    private BlocklistFile() {
    }

    static List<BlockRule> read(Path file) {
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
}
