package dev.livediffusion.blocklist;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Words and patterns a prompt may not contain, checked wherever a prompt enters: the live socket, the REST
 * twin and gallery saving. Entries are kept in {@link BlocklistStore} so they survive restarts.
 */
@ApplicationScoped
@Startup
public class PromptBlocklist {

    private final BlocklistStore store;
    private final List<BlockRule> rules = new CopyOnWriteArrayList<>();

    @Inject
    PromptBlocklist(BlocklistStore store) {
        this.store = store;
        rules.addAll(store.load());
    }

    /** The first rule the prompt breaks, if any. */
    public Optional<BlockRule> firstMatch(String prompt) {
        for (BlockRule rule : rules) {
            if (rule.matches(prompt)) {
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
        return List.copyOf(rules);
    }

    /**
     * Adds a rule; bad input (an empty word, a pattern that does not compile, a duplicate) is refused with
     * {@link IllegalArgumentException} and changes nothing.
     */
    public synchronized BlockRule add(BlockRule.Kind kind, String value) {
        BlockRule rule = BlockRule.of(kind, value);
        if (rules.stream().anyMatch(r -> r.kind() == rule.kind() && r.value().equals(rule.value()))) {
            throw new IllegalArgumentException("the " + kind.label() + " \"" + rule.value() + "\" is already blocked");
        }
        List<BlockRule> next = new ArrayList<>(rules);
        next.add(rule);
        store.save(next);
        rules.add(rule);
        return rule;
    }

    /** @return false when no such rule exists */
    public synchronized boolean remove(BlockRule.Kind kind, String value) {
        List<BlockRule> next = new ArrayList<>(rules);
        if (!next.removeIf(r -> r.kind() == kind && r.value().equals(value))) {
            return false;
        }
        store.save(next);
        rules.clear();
        rules.addAll(next);
        return true;
    }
}
