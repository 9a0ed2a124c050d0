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
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.sfcrime.cli.ClientSettings;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.cli.KafkaFailures;
import org.sfcrime.cli.ShutdownRequest;
import org.sfcrime.cli.TopicCheck;
import org.sfcrime.record.CallFileReader;

/**
 * One run of the CLI from its checked options: resolve the client settings, open the input,
 * check broker and topic, replay, print the summary. A failure before the replay is a
 * {@link CommandFailure}: one line "error: ..." on stderr and exit status 1.
 */
final class ReplayRun {

    /** Extra time a signalled JVM waits, beyond closing the producer, for the summary to print. */
    private static final Duration SHUTDOWN_GRACE_EXTRA = Duration.ofSeconds(5);

    private final ProducerCommand command;
    private final ReplayOptions replay;
    private final PrintWriter out;
    private final PrintWriter err;

    ReplayRun(ProducerCommand command, PrintWriter out, PrintWriter err) {
        this.command = command;
        this.replay = command.replay;
        this.out = out;
        this.err = err;
    }

    /**
     * @return the exit status: 0 success, 1 failure, 130 stopped by a signal
     * @throws CommandFailure for a failure before the replay starts
     */
    int execute() {
        try {
            return replay();
        } finally {
            err.flush();
            out.flush();
        }
    }

    private int replay() {
        ClientSettings settings = ClientSettings.layered(command.clientDefaults(), command.producerConfig,
                "--producer-config", command.producerProperties, command.bootstrapServer);
        if (command.printSettings) {
            err.println("producer: client settings (built-in < --producer-config < --producer-property < flags):");
            settings.describe().forEach(line -> err.println("  " + line));
        }
        try (CallFileReader reader = CallFileReader.open(replay.input); RejectLog rejects = openRejects(reader.source())) {
            int partitions;
            try (TopicCheck check = TopicCheck.connect(settings, command.timeout())) {
                partitions = command.createTopic ? check.createIfMissing(command.topic, command.partitions, AclOperation.WRITE, err)
                        : check.partitions(command.topic, AclOperation.WRITE).orElseThrow(() -> new CommandFailure("topic " + command.topic
                                + " does not exist (create it with scripts/start.sh, scripts/kafka-topics, or pass --create-topic)"));
            }
            err.println("producer: replaying " + reader.source() + " to topic " + command.topic + " (" + partitions
                    + " partitions) at " + settings.bootstrapServers() + ", " + replay.order + " order");
            err.flush();
            Producer<byte[], byte[]> producer = createProducer(settings);
            // A signal asks the replay to stop, then waits for it to flush what is in flight and print its summary.
            try (ShutdownRequest stop = ShutdownRequest.install("producer-shutdown",
                    command.timeout().plus(SHUTDOWN_GRACE_EXTRA), () -> { })) {
                ReplaySummary summary = new Replayer(producer, command.topic, replay, command.timeout())
                        .withStopSignal(stop::requested)
                        .withFailures(new KafkaFailures(settings))
                        .withProgress(ProgressReporter.forStderr(err, System.console() != null))
                        .replay(reader.source(), CallSource.open(reader, replay, rejects));
                summary.lines().forEach(err::println);
                err.flush();
                return summary.exitCode();
            }
        } catch (NoSuchFileException e) {
            throw new CommandFailure(e.getFile() + ": no such file");
        } catch (IOException e) {
            throw new CommandFailure(e.getMessage());
        }
    }

    private RejectLog openRejects(String source) throws IOException {
        if (replay.rejects == null) {
            return new RejectLog(source, null, replay.strict);
        }
        if ("-".equals(replay.rejects)) {
            return new RejectLog(source, new FlushOnClose(out), replay.strict);
        }
        Path path = Path.of(replay.rejects);
        try {
            return new RejectLog(source, Files.newBufferedWriter(path, StandardCharsets.UTF_8), replay.strict);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(path.toAbsolutePath().getParent() + " (folder of --rejects " + path + ")");
        }
    }

    private static Producer<byte[], byte[]> createProducer(ClientSettings settings) {
        try {
            return new KafkaProducer<>(settings.forClient(), new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            throw new CommandFailure("cannot create the Kafka producer: " + CommandFailure.rootMessage(e));
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
