package dev.livediffusion.blocklist;

import dev.livediffusion.generation.tokenizer.TextCleaner;
import dev.livediffusion.shared.SharedChange;
import dev.livediffusion.shared.SharedTopic;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/**
 * Words and patterns a prompt may not contain, checked wherever a prompt enters: the live socket, the REST
 * twin and gallery saving. Entries are kept in {@link BlocklistStore}, shared by every instance; this one holds
 * a copy for matching and reloads it when any instance announces a change.
 */
@ApplicationScoped
@Startup
public class PromptBlocklist {

    private final BlocklistStore store;
    private volatile List<BlockRule> rules;

    @Inject
    PromptBlocklist(BlocklistStore store) {
        this.store = store;
        store.importFile();
        rules = store.load();
    }

    synchronized void reload(@Observes SharedChange change) {
        if (change.topic() == SharedTopic.BLOCKLIST) {
            rules = store.load();
        }
    }

    /**
     * The first rule the prompt breaks, as typed or as the model reads it: "&amp;#114;ed" or "big&amp;nbsp;cat" is
     * drawn as "red" or "big cat", so it is refused as they are.
     */
    public Optional<BlockRule> firstMatch(String prompt) {
        String read = TextCleaner.clean(prompt);
        for (BlockRule rule : rules) {
            if (rule.matches(prompt) || rule.matches(read)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    /** The message shown to someone whose prompt was refused. */
    public static String refusal(BlockRule rule) {
        return "this prompt is not allowed here (it matches the blocked " + rule.kind().label() + " \""
                + rule.value() + "\"); please change it";
    }

    public List<BlockRule> rules() {
        return rules;
    }

    /**
     * Adds a rule; bad input (an empty word, a pattern that does not compile, a duplicate) is refused with
     * {@link IllegalArgumentException} and changes nothing.
     */
    public synchronized BlockRule add(BlockRule.Kind kind, String value) {
        BlockRule rule = BlockRule.of(kind, value);
        if (!store.add(rule)) {
            throw new IllegalArgumentException("the " + kind.label() + " \"" + rule.value() + "\" is already blocked");
        }
        rules = store.load();
        return rule;
    }

    /** @return false when no such rule exists */
    public synchronized boolean remove(BlockRule.Kind kind, String value) {
        if (!store.remove(kind, value)) {
            return false;
        }
        rules = store.load();
        return true;
    }
}
