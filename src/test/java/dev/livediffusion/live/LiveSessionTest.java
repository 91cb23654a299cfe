package dev.livediffusion.live;

import io.netty.channel.embedded.EmbeddedChannel;
import io.quarkus.websockets.next.WebSocketConnection;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session's latest-wins transitions, as the frame scheduler drives them. */
class LiveSessionTest {

    private final LiveSession session = new LiveSession(
            (WebSocketConnection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {WebSocketConnection.class}, (proxy, method, args) -> {
                        throw new UnsupportedOperationException(method.getName());
                    }),
            new LiveUpgrades.Peer("test", "test", new EmbeddedChannel()), 7, new Outbox.Limits(8, 1 << 20, Duration.ofSeconds(1)));

    @Test
    void anIdleSessionQueuesOnceAndTheNewestWaitingPromptWins() {
        assertEquals(LiveSession.Offer.QUEUE, session.offer(prompt(1)));
        assertEquals(LiveSession.Offer.REPLACE, session.offer(prompt(2)), "queued already: 1 is skipped");
        assertEquals(2, session.take().seq());
        assertTrue(session.isScheduled(), "being generated");
        assertFalse(session.hasPending());
        assertFalse(session.finish(), "nothing newer arrived");
        assertFalse(session.isScheduled());
        assertEquals(LiveSession.Offer.QUEUE, session.offer(prompt(3)));
    }

    @Test
    void aPromptThatArrivesDuringGenerationWaitsAndRequeuesTheSession() {
        session.offer(prompt(1));
        session.take();
        assertEquals(LiveSession.Offer.WAIT, session.offer(prompt(2)));
        assertEquals(LiveSession.Offer.REPLACE, session.offer(prompt(3)));
        assertTrue(session.finish(), "to be queued again");
        assertTrue(session.isScheduled());
        assertEquals(3, session.take().seq());
    }

    @Test
    void anEndedSessionTakesNothingMore() {
        session.offer(prompt(1));
        session.end();
        assertNull(session.take());
        assertFalse(session.finish());
        assertEquals(LiveSession.Offer.WAIT, session.offer(prompt(2)));
        assertFalse(session.hasPending());
        assertFalse(session.isScheduled());
    }

    @Test
    void seqMustIncreaseAndAPromptsSeedIsRemembered() {
        ClientMemory memory = session.memory();
        assertEquals(7, memory.seed(), "the connection's own seed at first");
        memory.accept(prompt(5));
        assertEquals(42, memory.seed());
        assertEquals(1, memory.prompts());
        ProtocolException refused = assertThrows(ProtocolException.class,
                () -> memory.accept(new StopMessage(5)));
        assertEquals("bad_seq", refused.toMessage().code());
        memory.accept(new StopMessage(6));
        assertEquals(1, memory.prompts(), "stops are not prompts");
    }

    private static PromptMessage prompt(long seq) {
        return new PromptMessage(seq, "a red circle", 42, false, 1, null, null, null, Map.of(), System.nanoTime());
    }
}
