package org.sfcrime.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Option parsing and validation: usage errors exit 2, run-time failures 1, each with one line. */
class ConsumerCommandOptionsTest {

    /** Runs the command as main does (one-line usage errors), capturing its output. */
    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter usage = new StringWriter();
        CommandLine commandLine = ConsumerCommand.newCommandLine(new ConsumerCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        commandLine.setErr(new PrintWriter(usage, true));
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), usage + err.toString(StandardCharsets.UTF_8));
    }

    private static ConsoleSettings consoleSettings(String... args) {
        ConsumerCommand command = new ConsumerCommand();
        new CommandLine(command).parseArgs(args);
        return command.consoleSettings(ClientProperties.builtInDefaults());
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    @Test
    void rejectsAnUnknownOptionAsAUsageError() {
        CommandLine commandLine = ConsumerCommand.newCommandLine(new ConsumerCommand());
        commandLine.setErr(new PrintWriter(new StringWriter(), true));

        assertEquals(2, commandLine.execute("--no-such-option"));
    }

    @Test
    void answersHelpWithZero() {
        assertEquals(0, run("--help").exitCode());
    }

    @Test
    void partitionWithoutOffsetStartsAtTheEndAsUpstream() {
        ConsoleSettings settings = consoleSettings("--partition", "1");

        assertEquals(OptionalInt.of(1), settings.partition());
        assertEquals(StartOffset.LATEST, settings.startOffset());
    }

    @Test
    void partitionWithFromBeginningStartsAtTheBeginning() {
        assertEquals(StartOffset.EARLIEST, consoleSettings("--partition", "0", "--from-beginning").startOffset());
    }

    @Test
    void offsetAcceptsEarliestLatestAndANumber() {
        assertEquals(StartOffset.EARLIEST, consoleSettings("--partition", "0", "--offset", "EARLIEST").startOffset());
        assertEquals(StartOffset.LATEST, consoleSettings("--partition", "0", "--offset", "latest").startOffset());
        assertEquals(StartOffset.at(42), consoleSettings("--partition", "0", "--offset", "42").startOffset());
    }

    @Test
    void convertsAbsentLimitsToUnbounded() {
        ConsoleSettings settings = consoleSettings();

        assertEquals(Long.MAX_VALUE, settings.maxMessages());
        assertEquals(Long.MAX_VALUE, settings.idleTimeoutMs());
        assertEquals(PrintOptions.raw(), settings.print());
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
        assertEquals("error: Invalid value for option '--format': 'xml' is not one of raw, pretty, table", firstLine(result.err()));
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
    void rejectsConsoleOptionsInVerifyModeAndVerifyOptionsInConsoleMode() {
        Result consoleInVerify = run("--verify", "calls.json", "--max-messages", "3");
        Result verifyInConsole = run("--check-order");

        assertEquals(2, consoleInVerify.exitCode());
        assertEquals("error: --max-messages cannot be used with --verify (it reads every partition from its beginning)",
                firstLine(consoleInVerify.err()));
        assertEquals(2, verifyInConsole.exitCode());
        assertEquals("error: --check-order needs --verify", firstLine(verifyInConsole.err()));
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
