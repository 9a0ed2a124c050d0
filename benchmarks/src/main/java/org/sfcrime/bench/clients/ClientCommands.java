package org.sfcrime.bench.clients;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.ChildRun;
import org.sfcrime.testing.ProjectPaths;

/**
 * The command lines of the measured clients: our two CLIs as users run them with the heaps the
 * README gives for the 200k-record set, and Kafka's perf tools through the project's wrapper
 * scripts (upstream's options, the same official jars as the broker, the scripts' default heap).
 */
final class ClientCommands {

    /**
     * The heaps the README promises stay under 300 MB resident for the 200k-record set. The
     * producer holds the file's values outside the heap, in direct memory that -Xmx also bounds.
     */
    static final String PRODUCER_HEAP = "-Xmx128m";
    static final String VERIFIER_HEAP = "-Xmx160m";

    static final Path PRODUCER_PROPERTIES = Path.of("config/producer.properties");
    static final Path CONSUMER_PROPERTIES = Path.of("config/consumer.properties");

    private ClientCommands() {
    }

    /** Our producer replaying the file with the shipped settings, plus the given overrides (KEY=VALUE). */
    static List<String> ourProducer(Path producerJar, Path calls, String topic, String bootstrapServers,
                                    List<String> overrides) {
        List<String> command = ChildRun.java(PRODUCER_HEAP, "-jar", producerJar.toString());
        command.addAll(List.of("--input", calls.toString(), "--topic", topic, "--bootstrap-server", bootstrapServers));
        for (String override : overrides) {
            command.addAll(List.of("--producer-property", override));
        }
        return command;
    }

    /**
     * kafka-producer-perf-test over the same records, with the shipped producer settings. The
     * current names of the options are used: --command-config and --command-property are what
     * --producer.config and --producer-props (deprecated in Kafka 4) became.
     */
    static List<String> producerPerfTest(Path payloadFile, int records, String topic, String bootstrapServers) {
        return List.of("bash", "scripts/kafka-producer-perf-test", "--topic", topic,
                "--num-records", Integer.toString(records), "--throughput", "-1",
                "--payload-file", payloadFile.toString(), "--payload-delimiter", "\n",
                "--command-config", PRODUCER_PROPERTIES.toString(),
                "--command-property", "bootstrap.servers=" + bootstrapServers);
    }

    /** Our verifier reading the whole topic and comparing it with the file; the report as JSON on stdout. */
    static List<String> ourVerifier(Path consumerJar, Path calls, String topic, String bootstrapServers,
                                    long timeoutMs) {
        List<String> command = ChildRun.java(VERIFIER_HEAP, "-jar", consumerJar.toString());
        command.addAll(List.of("--verify", calls.toString(), "--topic", topic, "--bootstrap-server", bootstrapServers,
                "--report", "json", "--timeout-ms", Long.toString(timeoutMs)));
        return command;
    }

    /**
     * kafka-consumer-perf-test reading the same topic with the shipped consumer settings. The tool
     * overwrites max.partition.fetch.bytes with its --fetch-size (1 MB by default), so the shipped
     * value is passed there too; it also sets its own group and reads from the earliest offset.
     */
    static List<String> consumerPerfTest(String topic, long records, String bootstrapServers, String group) {
        String fetchBytes = shippedProperty(CONSUMER_PROPERTIES, "max.partition.fetch.bytes", "1048576");
        return List.of("bash", "scripts/kafka-consumer-perf-test", "--bootstrap-server", bootstrapServers,
                "--topic", topic, "--num-records", Long.toString(records), "--group", group,
                "--command-config", CONSUMER_PROPERTIES.toString(), "--fetch-size", fetchBytes,
                "--timeout", "30000");
    }

    private static String shippedProperty(Path file, String key, String fallback) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(ProjectPaths.root().resolve(file))) {
            props.load(reader);
        } catch (IOException e) {
            throw new BenchFailure("cannot read " + file + ": " + e.getMessage());
        }
        return props.getProperty(key, fallback).trim();
    }
}
