package org.sfcrime.consumer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.sfcrime.cli.ClientSettings;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.cli.ConfigFileOption;
import org.sfcrime.cli.ExitCodes;
import org.sfcrime.cli.KafkaFailures;
import org.sfcrime.cli.OptionDefaults;
import org.sfcrime.cli.ProjectVersion;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The consumer CLI: shows the calls in a Kafka topic (console mode, with the options of
 * kafka-console-consumer) or verifies that a topic holds exactly the calls of a file
 * ({@code --verify}).
 *
 * <p>This class declares the options both modes share; {@link ConsoleOptions} and
 * {@link VerifyOptions} hold each mode's own, and picocli rejects a mix of the two. It layers the
 * client settings once and hands them to {@link ConsoleMode} or {@link VerifyMode}, with picocli's
 * stdout (data: messages, the report) and stderr (progress, warnings, the final count).
 *
 * <pre>
 * java -jar consumer/target/consumer.jar --from-beginning --max-messages 5 --format table
 * java -jar consumer/target/consumer.jar --verify police-department-calls-for-service.json --check-order
 * </pre>
 */
@Command(name = "consumer", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Shows the calls in a Kafka topic (console mode, as kafka-console-consumer), or with --verify checks "
                    + "that the topic holds exactly the valid calls of a file: nothing missing, duplicated, "
                    + "unexpected, unparseable or wrongly keyed.",
            "",
            "stdout carries data (messages, the report); stderr carries progress, warnings and the final count.",
            "Option defaults and client settings (kafka.* keys) come from config/pipeline.properties and "
                    + "config/consumer.properties, built into the jar. Client settings, later wins: those files "
                    + "< --consumer-config FILE < --consumer-property KEY=VALUE < --bootstrap-server. "
                    + "Secret values are never printed.",
            ""},
        footerHeading = "%nExamples (consumer.jar is consumer/target/consumer.jar):%n",
        footer = {
            "  java -jar consumer.jar --from-beginning --max-messages 5 --format table",
            "  java -jar consumer.jar --partition 0 --offset 100 --max-messages 1",
            "  java -jar consumer.jar --verify calls.json --check-order",
            "  java -jar consumer.jar --verify calls.json --report json | jq .counts",
            "",
            ExitCodes.HELP,
            "With --verify, exit 1 also means the delivery is not exact."})
public final class ConsumerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigFileOption configFile;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", order = 1,
            description = "The Kafka broker(s) to connect to, comma-separated. "
                    + "Default: bootstrap.servers of the client settings (kafka.bootstrap.servers of config/pipeline.properties as shipped).")
    private String bootstrapServer;

    @Option(names = "--topic", paramLabel = "TOPIC", order = 2,
            description = "The topic to read. Default: ${DEFAULT-VALUE}.")
    private String topic;

    @Option(names = "--timeout-ms", paramLabel = "MS", order = 3,
            description = "Console mode: exit when no message arrives for MS milliseconds (default: wait until "
                    + "Ctrl-C). With --verify: the overall deadline (default: 120000). Also bounds the wait "
                    + "for the broker's first answer (at most 30 s).")
    private Long timeoutMs;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    private Mode mode = new Mode();

    @Option(names = "--consumer-config", paramLabel = "FILE", order = 40,
            description = "Kafka consumer properties file (e.g. security settings) over the built-in settings.")
    private Path consumerConfig;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE", order = 41,
            description = "A Kafka consumer property over --consumer-config; repeatable.")
    private Map<String, String> consumerProperties = new LinkedHashMap<>();

    @Option(names = "--print-settings", order = 42,
            description = "Print the effective client settings to stderr (secret values as [hidden]) before starting.")
    private boolean printSettings;

    /** One mode or the other: picocli rejects console options together with --verify. */
    static final class Mode {
        @ArgGroup(exclusive = false, multiplicity = "1", heading = "%nConsole mode (the default):%n", order = 10)
        private ConsoleOptions console = new ConsoleOptions();

        @ArgGroup(exclusive = false, multiplicity = "1", heading = "%nVerify mode:%n", order = 30)
        private VerifyOptions verify;
    }

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new ConsumerCommand(), "consumer", args));
    }

    @Override
    public Integer call() {
        CommandLine commandLine = spec.commandLine();
        if (timeoutMs != null && timeoutMs < 1) {
            throw new ParameterException(commandLine, "--timeout-ms must be 1 or more, got " + timeoutMs);
        }
        ClientSettings settings = clientSettings();
        Duration reachTimeout = timeoutMs != null && timeoutMs < ConsumerClients.REACH_TIMEOUT.toMillis()
                ? Duration.ofMillis(timeoutMs) : ConsumerClients.REACH_TIMEOUT;
        try {
            if (mode.verify != null) {
                return new VerifyMode(commandLine.getOut(), commandLine.getErr())
                        .run(mode.verify.verification(topic, timeoutMs), settings, printSettings, reachTimeout);
            }
            return new ConsoleMode(commandLine.getOut(), commandLine.getErr())
                    .run(readPlan(settings), settings, mode.console.fromBeginning(), printSettings, reachTimeout);
        } catch (KafkaException e) {
            // a refused login, a missing ACL or a lost broker while reading: one line, as any failure at run time
            throw new KafkaFailures(settings).failure(e, "read", topic, "");
        }
    }

    /** Console mode's plan from the parsed options; package-private for the option tests. */
    ReadPlan readPlan(ClientSettings settings) {
        return mode.console.readPlan(spec.commandLine(), topic, settings.get(ConsumerConfig.GROUP_ID_CONFIG), timeoutMs);
    }

    /** The built-in settings < --consumer-config < --consumer-property < --bootstrap-server. */
    ClientSettings clientSettings() {
        if (bootstrapServer != null && bootstrapServer.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--bootstrap-server needs HOST:PORT[,HOST:PORT...]");
        }
        OptionDefaults defaults = OptionDefaults.of(spec);
        return ClientSettings.layered(defaults.clientSettings(), consumerConfig, "--consumer-config",
                consumerProperties, bootstrapServer);
    }
}
