package org.sfcrime.dashboard;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.sfcrime.cli.ClientSettings;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.cli.ConfigFileOption;
import org.sfcrime.cli.ExitCodes;
import org.sfcrime.cli.OptionDefaults;
import org.sfcrime.cli.ProjectVersion;
import org.sfcrime.cli.ShutdownRequest;
import org.sfcrime.cli.TopicCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The dashboard: a web page of the stream job's counts, its newest calls and the pipeline's health,
 * read from Kafka and pushed to the page as they change, plus Prometheus metrics. It only reads
 * Kafka, so it needs no Spark and keeps serving across the job's restarts.
 *
 * <pre>
 * java -jar dashboard/target/dashboard.jar                       # http://127.0.0.1:8080/
 * java -jar dashboard/target/dashboard.jar --consumer-config .runtime/kafka-secure/client-dashboard.properties
 * </pre>
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true, versionProvider = ProjectVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = {
            "Serves a web page of the stream job's counts (the latest value of every window, crime type and disposition),"
                    + " its newest enriched calls and the pipeline's health, pushed to the page as they change;"
                    + " GET /api/counts, /api/health, /events (server-sent events) and /metrics (Prometheus).",
            "",
            "Option defaults and client settings (kafka.* keys) come from config/pipeline.properties and "
                    + "config/dashboard.properties, built into the jar. Client settings, later wins: those files "
                    + "< --consumer-config FILE < --consumer-property KEY=VALUE < --bootstrap-server. "
                    + "Secret values are never printed. stderr carries the address and problems; runs until Ctrl-C.",
            ""},
        footer = {"", ExitCodes.HELP,
            "A topic missing or the broker lost while running is shown on the page until it is back; the process goes on."})
public final class DashboardCommand implements Callable<Integer> {

    /** How long the broker has to answer at start. */
    static final Duration REACH_TIMEOUT = Duration.ofSeconds(30);

    @Spec
    private CommandSpec spec;

    @Mixin
    private ConfigFileOption configFile;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            description = "The Kafka broker(s) to connect to. Default: kafka.bootstrap.servers of the client settings"
                    + " (of config/pipeline.properties as shipped).")
    private String bootstrapServer;

    @Option(names = "--counts-topic", paramLabel = "TOPIC", description = "The job's counts (read from the beginning). Default: ${DEFAULT-VALUE}.")
    private String countsTopic;

    @Option(names = "--enriched-topic", paramLabel = "TOPIC", description = "The job's enriched feed (the newest "
            + DashboardState.RECENT_CALLS + " calls shown). Default: ${DEFAULT-VALUE}.")
    private String enrichedTopic;

    @Option(names = "--progress-topic", paramLabel = "TOPIC", description = "The job's progress, one JSON per batch. Default: ${DEFAULT-VALUE}.")
    private String progressTopic;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address the web server listens on. Default: ${DEFAULT-VALUE}.")
    private String bind;

    @Option(names = "--port", paramLabel = "PORT", description = "Port of the web server, 0 = any free one. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--stale-after", paramLabel = "SECONDS",
            description = "Seconds without a batch after which the page shows the job as stale. Default: ${DEFAULT-VALUE}.")
    private int staleAfterSeconds;

    @Option(names = "--consumer-config", paramLabel = "FILE",
            description = "Kafka consumer properties file (e.g. security settings) over the built-in settings.")
    private Path consumerConfig;

    @Option(names = "--consumer-property", paramLabel = "KEY=VALUE", description = "A Kafka consumer property over --consumer-config; repeatable.")
    private Map<String, String> consumerProperties = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new DashboardCommand(), "dashboard", args));
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        InetSocketAddress address = address();
        if (staleAfterSeconds < 1) {
            throw usage("--stale-after must be at least 1, not " + staleAfterSeconds);
        }
        TopicFeeds.Topics topics = new TopicFeeds.Topics(countsTopic, enrichedTopic, progressTopic);
        ClientSettings settings = ClientSettings.layered(OptionDefaults.of(spec).clientSettings(), consumerConfig,
                "--consumer-config", consumerProperties, bootstrapServer);
        try (TopicCheck check = TopicCheck.connect(settings, REACH_TIMEOUT)) {
            // answering is all that start requires: missing topics are shown on the page until they appear
        }
        EventHub events = new EventHub();
        DashboardState state = new DashboardState(events, Clock.systemUTC(), Duration.ofSeconds(staleAfterSeconds));
        TopicFeeds feeds = new TopicFeeds(new KafkaConsumer<>(settings.forClient(), new StringDeserializer(), new StringDeserializer()),
                state, topics, settings.bootstrapServers());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                feeds.run();
            } finally {
                stopped.countDown();
            }
        }, "dashboard-kafka");
        try (DashboardServer server = server(address, state, events);
             ShutdownRequest shutdown = ShutdownRequest.install("dashboard-shutdown", Duration.ofSeconds(10), feeds::stop)) {
            reader.start();
            err.println("dashboard at http://" + hostForUrl(address) + ":" + server.port() + "/ reading " + String.join(", ", topics.all())
                    + " from " + settings.bootstrapServers() + " (Ctrl-C stops it)");
            err.flush();
            stopped.await();
            err.println("dashboard stopped");
            err.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private DashboardServer server(InetSocketAddress address, DashboardState state, EventHub events) throws IOException {
        try {
            return new DashboardServer(address, state, events, new DashboardMetrics(state, events));
        } catch (BindException e) {
            throw new CommandFailure("cannot listen on " + hostForUrl(address) + ":" + address.getPort() + " (--bind, --port): "
                    + e.getMessage());
        }
    }

    private InetSocketAddress address() {
        if (port < 0 || port > 65535) {
            throw usage("--port must be 0..65535, not " + port);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(bind), port);
        } catch (UnknownHostException e) {
            throw usage("--bind: unknown address '" + bind + "'");
        }
    }

    private static String hostForUrl(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
