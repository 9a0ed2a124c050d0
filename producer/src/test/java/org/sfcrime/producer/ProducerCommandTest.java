package org.sfcrime.producer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.cli.ExitCodes;

/** The command line: exit codes and messages, without a broker. */
class ProducerCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("--no-such-option"));
        assertTrue(err.toString().startsWith("error: Unknown option: '--no-such-option'"), err.toString());
    }

    @Test
    void rateThatIsNotANumberIsAUsageError() {
        assertEquals(2, run("--rate", "fast"));
        assertTrue(err.toString().startsWith("error: Invalid value for option '--rate': 'fast' is not a double"), err.toString());
    }

    @Test
    void negativeRateIsAUsageErrorNamingTheFlag() {
        assertEquals(2, run("--rate", "-5"));
        assertTrue(err.toString().startsWith(
                "error: --rate must be a number of records per second >= 0 (0 = as fast as possible), got -5.0"), err.toString());
    }

    @Test
    void unknownOrderIsAUsageErrorListingTheValidValues() {
        assertEquals(2, run("--order", "random"));
        assertTrue(err.toString().startsWith(
                "error: --order must be one of event-time, file, not 'random'"), err.toString());
    }

    @Test
    void loopWithFileOrderIsAUsageError() {
        assertEquals(2, run("--order", "file", "--loop"));
        assertTrue(err.toString().startsWith("error: --loop needs --order event-time"), err.toString());
    }

    @Test
    void rateWithSpeedupIsAUsageError() {
        assertEquals(2, run("--rate", "10", "--speedup", "60"));
        assertTrue(err.toString().startsWith("error: --rate and --speedup cannot be combined"), err.toString());
    }

    @Test
    void missingInputFileFailsWithOneLine() {
        assertEquals(1, run("--input", "data/x.json", "--bootstrap-server", "127.0.0.1:1"));
        assertEquals("error: data/x.json: no such file\n", err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void missingProducerConfigFailsWithOneLine() {
        assertEquals(1, run("--producer-config", "no/such.properties"));
        assertEquals("error: no/such.properties: no such file (--producer-config)\n", err.toString());
    }

    @Test
    void helpShowsTheDefaultsAndTheExitCodes() {
        assertEquals(0, run("--help"));
        // the help wraps to the terminal width: compare words, not line breaks
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("Default: police.department.calls."), help);
        assertTrue(help.contains("Default: data/police-department-calls-for-service.json."), help);
        assertTrue(help.contains(ExitCodes.HELP), help);
        assertEquals("", err.toString());
    }

    @Test
    void unknownKeyInTheDefaultsIsNamedWithItsFile() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("producer", ".properties");
        try {
            java.nio.file.Files.writeString(file, "timeout-ms=5\nrat=3\n");
            assertEquals(2, run("--config", file.toString()));
            assertTrue(err.toString().startsWith("error: " + file + ": unknown setting 'rat' (known: "), err.toString());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    private int run(String... args) {
        return CommandLines.execute(new ProducerCommand(), "producer", new PrintWriter(out, true),
                new PrintWriter(err, true), args);
    }
}
