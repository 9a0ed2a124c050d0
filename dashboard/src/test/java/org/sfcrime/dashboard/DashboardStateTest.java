package org.sfcrime.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class DashboardStateTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T12:00:00Z"));
    private final EventHub events = new EventHub();
    private final DashboardState state = new DashboardState(events, clock, Duration.ofSeconds(60));

    @Test
    void onlyRowsThatChangeAKeyArePublished() {
        EventHub.Subscription page = events.subscribe();
        ObjectNode row = LatestCountsTest.row("2018-12-31T10:00:00.000", "Drugs", "CIT", 2);

        state.countsArrived(List.of(row, row.deepCopy()), clock.instant());
        state.countsArrived(List.of(row.deepCopy()), clock.instant());

        assertEquals(1, page.queue.size(), "the repeat changed nothing: no second event");
        assertEquals("counts", page.queue.peek().name());
        assertEquals(3, state.countsConsumed());
        assertEquals(1, state.keys());
    }

    @Test
    void theJobIsStaleWhenNoBatchArrivedWithinTheLimit() {
        assertTrue(state.health().get("stale").asBoolean(), "no batch yet");

        state.progressArrived(progress("counts-kafka", 100));
        clock.advance(Duration.ofSeconds(60));
        assertFalse(state.health().get("stale").asBoolean());

        clock.advance(Duration.ofSeconds(1));
        assertTrue(state.health().get("stale").asBoolean());
    }

    @Test
    void lagAndAgesComeFromTheProgressTheEndsAndTheNewestCount() {
        assertTrue(state.newestCountAgeSeconds().isEmpty(), "no count yet");
        state.progressArrived(progress("counts-kafka", 100));
        state.topicEnds(Map.of(new TopicPartition("calls", 0), 130L), false);
        state.countsArrived(List.of(LatestCountsTest.row("2018-12-31T10:00:00.000", "Drugs", "CIT", 2)), clock.instant());
        clock.advance(Duration.ofSeconds(7));

        assertEquals(Map.of("counts-kafka", 30L), state.lag());
        assertEquals(7, state.health().get("newestCountAgeSeconds").asLong());
        assertEquals("2018-12-31T10:00:00.000", state.health().get("newestWindowStart").asText());
    }

    private static ObjectNode progress(String query, long endOffset) {
        ObjectNode batch = DashboardState.JSON.createObjectNode();
        batch.put("query", query);
        batch.putObject("durationMs").put("triggerExecution", 250);
        batch.putObject("endOffsets").putObject("calls").put("0", endOffset);
        return batch;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
