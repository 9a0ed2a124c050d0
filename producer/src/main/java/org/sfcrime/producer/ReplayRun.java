package org.sfcrime.producer;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.sfcrime.cli.ShutdownRequest;
import org.sfcrime.record.CallFileReader;

/**
 * One run of the CLI from a validated config: resolve the client settings, open the input,
 * check broker and topic, replay, print the summary. Every failure ends here as one line
 * "error: ..." on stderr and exit status 1.
 */
final class ReplayRun {

    /** Extra time a signalled JVM waits, beyond closing the producer, for the summary to print. */
    private static final long SHUTDOWN_GRACE_EXTRA_MS = 5_000;

    private final ReplayConfig config;
    private final PrintWriter out;
    private final PrintWriter err;

    ReplayRun(ReplayConfig config, PrintWriter out, PrintWriter err) {
        this.config = config;
        this.out = out;
        this.err = err;
    }

    /** @return the exit status: 0 success, 1 failure, 130 stopped by a signal */
    int execute() {
        try {
            return replay();
        } catch (ReplayFailure e) {
            err.println("error: " + e.getMessage());
            return 1;
        } finally {
            err.flush();
            out.flush();
        }
    }

    private int replay() throws ReplayFailure {
        ClientSettings settings = ClientSettings.resolve(config);
        if (config.verbose()) {
            err.println("producer: client settings (producer.properties < --producer-config < --producer-property < flags):");
            settings.describe().forEach(line -> err.println("  " + line));
        }
        try (CallFileReader reader = openInput(); RejectLog rejects = openRejects(reader.source())) {
            int partitions = new TopicPreflight(settings, config.timeoutMs())
                    .check(config.topic(), config.createTopic(), config.partitions(), err);
            err.println("producer: replaying " + reader.source() + " to topic " + config.topic() + " (" + partitions
                    + " partitions) at " + settings.bootstrapServers() + ", " + config.order() + " order");
            err.flush();
            Producer<byte[], byte[]> producer = createProducer(settings);
            // A signal asks the replay to stop, then waits for it to flush what is in flight and print its summary.
            try (ShutdownRequest stop = ShutdownRequest.install("producer-shutdown",
                    Duration.ofMillis(config.timeoutMs() + SHUTDOWN_GRACE_EXTRA_MS), () -> { })) {
                ReplaySummary summary = new Replayer(producer, config)
                        .withStopSignal(stop::requested)
                        .withProgress(ProgressReporter.forStderr(err, System.console() != null))
                        .replay(reader.source(), CallSource.open(reader, config, rejects));
                summary.lines().forEach(err::println);
                err.flush();
                return summary.exitCode();
            }
        } catch (NoSuchFileException e) {
            throw new ReplayFailure(e.getFile() + ": no such file");
        } catch (IOException e) {
            throw new ReplayFailure(e.getMessage());
        }
    }

    private CallFileReader openInput() throws IOException {
        return CallFileReader.open(config.input());
    }

    private RejectLog openRejects(String source) throws IOException {
        if (config.rejects() == null) {
            return new RejectLog(source, null, config.strict());
        }
        if ("-".equals(config.rejects())) {
            return new RejectLog(source, new FlushOnClose(out), config.strict());
        }
        Path path = Path.of(config.rejects());
        try {
            return new RejectLog(source, Files.newBufferedWriter(path, StandardCharsets.UTF_8), config.strict());
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toAbsolutePath().getParent() + " (folder of --rejects " + path + ")");
        }
    }

    private static Producer<byte[], byte[]> createProducer(ClientSettings settings) throws ReplayFailure {
        try {
            return new KafkaProducer<>(settings.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            String cause = e.getCause() != null && e.getCause().getMessage() != null ? ": " + e.getCause().getMessage() : "";
            throw new ReplayFailure("cannot create the Kafka producer: " + e.getMessage() + cause);
        }
    }

    /** Standard output is not ours to close: rejects written there are only flushed. */
    private static final class FlushOnClose extends FilterWriter {
        FlushOnClose(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
