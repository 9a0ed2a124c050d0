package org.sfcrime.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.cli.OptionDefaults;
import picocli.CommandLine;

/** Option parsing and validation: usage errors exit 2, run-time failures 1, each with one line. */
class ConsumerCommandOptionsTest {

    /** Runs the command as main does (one-line usage errors), capturing its output. */
    private record Result(int exitCode, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CommandLines.execute(new ConsumerCommand(), "consumer", new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** Console mode's plan from the options, with the built-in defaults as main has them. */
    private static ReadPlan readPlan(String... args) {
        ConsumerCommand command = new ConsumerCommand();
        CommandLine commandLine = CommandLines.of(command);
        commandLine.setDefaultValueProvider(OptionDefaults.load("consumer", null));
        commandLine.parseArgs(args);
        return command.readPlan(command.clientSettings());
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    @Test
    void rejectsAnUnknownOptionAsAUsageError() {
        Result result = run("--no-such-option");

        assertEquals(2, result.exitCode());
        assertEquals("error: Unknown option: '--no-such-option'", firstLine(result.err()));
    }

    @Test
    void answersHelpWithZero() {
        Result result = run("--help");

        assertEquals(0, result.exitCode());
        String help = result.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--format=FORMAT One of raw, pretty, table. raw:"), help);
        assertTrue(help.contains("--report=FORMAT One of text, json: the report"), help);
        assertTrue(help.contains("--topic=TOPIC The topic to read. Default: police.department.calls."), help);
        assertTrue(help.contains("Verify mode: --verify=FILE"), help);
    }

    @Test
    void partitionWithoutOffsetStartsAtTheEndAsUpstream() {
        ReadPlan plan = readPlan("--partition", "1");

        assertEquals(OptionalInt.of(1), plan.partition());
        assertEquals(StartOffset.LATEST, plan.startOffset());
    }

    @Test
    void partitionWithFromBeginningStartsAtTheBeginning() {
        assertEquals(StartOffset.EARLIEST, readPlan("--partition", "0", "--from-beginning").startOffset());
    }

    @Test
    void offsetAcceptsEarliestLatestAndANumber() {
        assertEquals(StartOffset.EARLIEST, readPlan("--partition", "0", "--offset", "EARLIEST").startOffset());
        assertEquals(StartOffset.LATEST, readPlan("--partition", "0", "--offset", "latest").startOffset());
        assertEquals(StartOffset.at(42), readPlan("--partition", "0", "--offset", "42").startOffset());
    }

    @Test
    void convertsAbsentLimitsToUnbounded() {
        ReadPlan plan = readPlan();

        assertEquals("police.department.calls", plan.topic());
        assertEquals(Long.MAX_VALUE, plan.maxMessages());
        assertEquals(Long.MAX_VALUE, plan.idleTimeoutMs());
        assertEquals(CallFixtures.rawLayout(), plan.layout());
    }

    @Test
    void rejectsOffsetWithoutPartition() {
        Result result = run("--offset", "5");

        assertEquals(2, result.exitCode());
        assertEquals("error: --offset needs --partition (the partition it applies to)", firstLine(result.err()));
    }

    @Test
    void rejectsAnOffsetThatIsNoneOfTheValidValues() {
        Result result = run("--partition", "0", "--offset", "-3");

        assertEquals(2, result.exitCode());
        assertEquals("error: Invalid value for option '--offset': '-3' is not a valid offset: valid values are "
                + "'earliest', 'latest', or a non-negative number", firstLine(result.err()));
    }

    @Test
    void rejectsFromBeginningTogetherWithOffset() {
        Result result = run("--partition", "0", "--offset", "5", "--from-beginning");

        assertEquals(2, result.exitCode());
        assertEquals("error: --from-beginning and --offset cannot be used together", firstLine(result.err()));
    }

    @Test
    void rejectsGroupTogetherWithPartition() {
        assertEquals(2, run("--group", "g", "--partition", "0").exitCode());
    }

    @Test
    void rejectsAnUnknownFormatListingTheValidOnes() {
        Result result = run("--format", "xml");

        assertEquals(2, result.exitCode());
        assertEquals("error: --format must be one of raw, pretty, table, not 'xml'", firstLine(result.err()));
    }

    @Test
    void rejectsAnUnknownTableField() {
        Result result = run("--format", "table", "--fields", "crime_id,colour");

        assertEquals(2, result.exitCode());
        assertEquals("error: --fields: unknown field(s) [colour]; valid fields: crime_id,original_crime_type_name,"
                + "report_date,call_date,offense_date,call_time,call_date_time,disposition,address,city,state,"
                + "agency_id,address_type,common_location", firstLine(result.err()));
    }

    @Test
    void rejectsAConsoleOptionTogetherWithVerify() {
        Result result = run("--verify", "calls.json", "--max-messages", "3");

        assertEquals(2, result.exitCode());
        assertEquals("error: --verify and --max-messages cannot be used together" + System.lineSeparator()
                + "Try 'consumer --help' for the options." + System.lineSeparator(), result.err());
        assertEquals("", result.out());
    }

    @Test
    void rejectsVerifyAfterAConsoleOptionNamingBoth() {
        Result result = run("--from-beginning", "--format", "table", "--verify", "calls.json", "--check-order");

        assertEquals(2, result.exitCode());
        assertEquals("error: --from-beginning and --verify cannot be used together", firstLine(result.err()));
    }

    @Test
    void rejectsAVerifyOptionWithoutVerify() {
        Result checkOrder = run("--check-order");
        Result report = run("--from-beginning", "--report", "json");

        assertEquals(2, checkOrder.exitCode());
        assertEquals("error: --check-order needs --verify FILE" + System.lineSeparator()
                + "Try 'consumer --help' for the options." + System.lineSeparator(), checkOrder.err());
        assertEquals(2, report.exitCode());
        assertEquals("error: --report needs --verify FILE", firstLine(report.err()));
    }

    @Test
    void rejectsAnUnknownReportFormatListingTheValidOnes() {
        Result result = run("--verify", "calls.json", "--report", "xml");

        assertEquals(2, result.exitCode());
        assertEquals("error: --report must be one of text, json, not 'xml'", firstLine(result.err()));
    }

    @Test
    void takesTheGroupFromTheClientSettingsAndRejectsADifferentOne() {
        ReadPlan plan = readPlan("--consumer-property", "group.id=readers");
        Result differ = run("--consumer-property", "group.id=readers", "--group", "writers");

        assertEquals(java.util.Optional.of("readers"), plan.groupId());
        assertEquals(2, differ.exitCode());
        assertEquals("error: --group 'writers' and group.id 'readers' of the client settings differ",
                firstLine(differ.err()));
    }

    @Test
    void printsTheEffectiveClientSettingsWithSecretsHidden(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Result result = run("--bootstrap-server", "127.0.0.1:" + port, "--timeout-ms", "500", "--print-settings",
                "--consumer-property", "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"me\" password=\"secret-login\";", "--consumer-property", "client.id=me");

        assertEquals(1, result.exitCode());
        assertEquals(String.join(System.lineSeparator(),
                "Client settings:",
                "  allow.auto.create.topics=false",
                "  auto.offset.reset=latest",
                "  bootstrap.servers=127.0.0.1:" + port,
                "  client.id=me",
                "  enable.auto.commit=false",
                "  fetch.min.bytes=1",
                "  max.partition.fetch.bytes=4194304",
                "  max.poll.records=2000",
                "  sasl.jaas.config=[hidden]",
                "error: cannot reach Kafka at 127.0.0.1:" + port + " within 0.5 s (is it running? try scripts/start.sh)",
                ""), result.err());
    }

    @Test
    void failsWithOneLineWhenTheVerifyFileIsMissing(@TempDir Path dir) {
        String missing = dir.resolve("missing.json").toString();

        Result result = run("--verify", missing);

        assertEquals(1, result.exitCode());
        assertEquals("error: cannot read " + missing + ": no such file" + System.lineSeparator(), result.err());
        assertEquals("", result.out());
    }

    @Test
    void failsWithinTheTimeoutWithOneLineWhenNoBrokerListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        long start = System.nanoTime();

        Result result = run("--bootstrap-server", "127.0.0.1:" + port, "--timeout-ms", "1500", "--from-beginning");

        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, result.exitCode());
        assertEquals("error: cannot reach Kafka at 127.0.0.1:" + port + " within 1.5 s (is it running? try scripts/start.sh)"
                + System.lineSeparator(), result.err());
        assertTrue(elapsedMs < 10_000, "took " + elapsedMs + " ms");
    }
}
