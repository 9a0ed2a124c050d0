package org.sfcrime.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.record.CallRecord;
import org.sfcrime.testing.CallJson;

/** Console mode's loop and formats, driven by a MockConsumer. */
class ConsoleReaderTest {

    private static final long IDLE_MS = 200;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final List<CallRecord> calls = CallFixtures.calls(10);

    /** Calls 0..9 on partition 0, offsets 0..9. */
    private MockTopic topic() {
        MockTopic topic = new MockTopic(2);
        calls.forEach(call -> topic.add(0, call));
        return topic;
    }

    private static ReadPlan settings(long maxMessages, MessageLayout print) {
        return new ReadPlan(MockTopic.NAME, OptionalInt.empty(), StartOffset.EARLIEST, Optional.empty(),
                maxMessages, IDLE_MS, print);
    }

    private ConsoleReader reader(MockConsumer<byte[], byte[]> consumer, ReadPlan settings) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        return new ConsoleReader(consumer, settings, new MessagePrinter(settings.layout(), out),
                new PrintWriter(new OutputStreamWriter(stderr, StandardCharsets.UTF_8), true));
    }

    private long run(MockTopic topic, ReadPlan settings) {
        ConsoleReader reader = reader(topic.consumer(), settings);
        reader.run(topic.topicPartitions());
        return reader.messagesPrinted();
    }

    private String output() {
        return stdout.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsRawValuesAndStopsAfterMaxMessages() {
        long printed = run(topic(), settings(3, CallFixtures.rawLayout()));

        assertEquals(3, printed);
        assertEquals(CallJson.text(calls.get(0)) + "\n" + CallJson.text(calls.get(1)) + "\n" + CallJson.text(calls.get(2)) + "\n",
                output());
    }

    @Test
    void stopsWhenNoMessageArrivesWithinTheIdleTimeout() {
        long start = System.nanoTime();

        long printed = run(topic(), settings(Long.MAX_VALUE, CallFixtures.rawLayout()));

        assertEquals(10, printed);
        assertEquals(10, output().lines().count());
        assertTrue((System.nanoTime() - start) / 1_000_000 >= IDLE_MS);
    }

    @Test
    void prefixesTimestampPartitionOffsetAndKeyAsUpstreamDoes() {
        MessageLayout print = new MessageLayout(OutputFormat.RAW, List.of(), true, true, true, true);

        run(new MockTopic(2).add(1, "k1", "v1").add(1, null, "v2"), settings(2, print));

        assertEquals("CreateTime:1000\tPartition:1\tOffset:0\tk1\tv1\n"
                + "CreateTime:1001\tPartition:1\tOffset:1\tnull\tv2\n", output());
    }

    @Test
    void prettyPrintsJsonIndentedAndOtherValuesAsTheyAre() {
        MessageLayout print = new MessageLayout(OutputFormat.PRETTY, List.of(), false, false, true, false);

        run(new MockTopic(1).add(0, "k", "{\"crime_id\":\"1\",\"state\":\"CA\"}").add(0, "k", "not json"),
                settings(2, print));

        assertEquals("Offset:0\t{\n  \"crime_id\" : \"1\",\n  \"state\" : \"CA\"\n}\nOffset:1\tnot json\n", output());
    }

    @Test
    void printsATableWithTheHeaderOnceAndFixedWidthColumns() {
        MessageLayout print = new MessageLayout(OutputFormat.TABLE, List.of("crime_id", "disposition", "address"),
                true, true, false, false);

        run(topic(), settings(2, print));

        assertEquals(String.join("\n",
                "partition  key        crime_id   disposition   address",
                "        0  182751007  182751007  HAN           100 Block Of Market St",
                "        0  182751008  182751008  GOA           200 Block Of Market St",
                ""), output());
    }

    @Test
    void marksTableRowsThatAreNotCalls() {
        MessageLayout print = new MessageLayout(OutputFormat.TABLE, List.of("crime_id", "state"), false, false, true, false);

        run(new MockTopic(1).add(0, "k", "garbage"), settings(1, print));

        assertEquals("  offset  crime_id   state\n       0  <not a JSON object>\n", output());
    }

    @Test
    void cutsValuesLongerThanTheirColumn() {
        MessageLayout print = new MessageLayout(OutputFormat.TABLE, List.of("state", "crime_id"), false, false, false, false);

        run(new MockTopic(1).add(0, "k", "{\"state\":\"California\",\"crime_id\":\"1\"}"), settings(1, print));

        assertEquals("state  crime_id\nCali~  1\n", output());
    }

    @Test
    void readsOnlyTheChosenPartitionFromTheChosenOffset() {
        MockTopic topic = new MockTopic(2).add(0, "a", "p0-0").add(1, "b", "p1-0").add(1, "c", "p1-1").add(1, "d", "p1-2");
        ReadPlan settings = new ReadPlan(MockTopic.NAME, OptionalInt.of(1), StartOffset.at(1),
                Optional.empty(), 5, IDLE_MS, CallFixtures.rawLayout());
        MockConsumer<byte[], byte[]> consumer = topic.consumer();

        reader(consumer, settings).run(topic.topicPartitions());

        assertEquals(Set.of(new TopicPartition(MockTopic.NAME, 1)), consumer.assignment());
        assertEquals("p1-1\np1-2\n", output());
    }

    @Test
    void startsAtTheEndByDefaultSoOnlyNewMessagesArePrinted() {
        ReadPlan settings = new ReadPlan(MockTopic.NAME, OptionalInt.empty(), StartOffset.LATEST,
                Optional.empty(), 5, IDLE_MS, CallFixtures.rawLayout());

        assertEquals(0, run(topic(), settings));
        assertEquals("", output());
    }

    @Test
    void withAGroupCommitsExactlyThePrintedMessages() {
        MockTopic topic = topic();
        MockConsumer<byte[], byte[]> consumer = topic.consumer();
        ReadPlan settings = new ReadPlan(MockTopic.NAME, OptionalInt.empty(), StartOffset.LATEST,
                Optional.of("readers"), 4, IDLE_MS, CallFixtures.rawLayout());

        reader(consumer, settings).run(topic.topicPartitions());

        TopicPartition partition0 = new TopicPartition(MockTopic.NAME, 0);
        assertEquals(Set.of(MockTopic.NAME), consumer.subscription());
        assertEquals(4, output().lines().count());
        assertEquals(Map.of(partition0, new OffsetAndMetadata(4)), consumer.committed(Set.of(partition0)));
    }

    @Test
    void withoutAGroupCommitsNothing() {
        MockTopic topic = topic();
        MockConsumer<byte[], byte[]> consumer = topic.consumer();

        reader(consumer, settings(4, CallFixtures.rawLayout())).run(topic.topicPartitions());

        assertEquals(Map.of(), consumer.committed(Set.copyOf(topic.topicPartitions())));
    }

    @Test
    void endsQuietlyOnWakeupWithTheCountSoFar() {
        MockTopic topic = topic();
        MockConsumer<byte[], byte[]> consumer = topic.consumer();
        consumer.schedulePollTask(consumer::wakeup); // the second poll is interrupted, as by Ctrl-C
        ConsoleReader reader = reader(consumer, settings(Long.MAX_VALUE, CallFixtures.rawLayout()));

        reader.run(topic.topicPartitions());

        assertEquals(10, reader.messagesPrinted());
        assertEquals(10, output().lines().count());
    }

    @Test
    void failsWithOneLineForAPartitionTheTopicDoesNotHave() {
        ReadPlan settings = new ReadPlan(MockTopic.NAME, OptionalInt.of(7), StartOffset.EARLIEST,
                Optional.empty(), 1, IDLE_MS, CallFixtures.rawLayout());
        MockTopic topic = topic();

        CommandFailure failure = org.junit.jupiter.api.Assertions.assertThrows(CommandFailure.class,
                () -> reader(topic.consumer(), settings).run(topic.topicPartitions()));

        assertEquals("topic calls has no partition 7 (it has 2: 0..1)", failure.getMessage());
    }
}
