package org.sfcrime.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.record.CallFileEntry;
import org.sfcrime.record.CallFileReader;
import picocli.CommandLine;

class SampleGeneratorTest {

    @TempDir
    Path dir;

    @Test
    void sameArgumentsWriteIdenticalBytes() throws IOException {
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        assertEquals(0, run("--records", "5000", "--output", first.toString()).exitCode);
        assertEquals(0, run("--records", "5000", "--output", second.toString()).exitCode);
        assertEquals(-1, Files.mismatch(first, second));
    }

    @Test
    void anotherSeedWritesOtherBytes() throws IOException {
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("second.json");
        Result one = run("--records", "500", "--seed", "1", "--output", first.toString());
        Result two = run("--records", "500", "--seed", "2", "--output", second.toString());
        assertEquals(0, one.exitCode, one.err);
        assertEquals(0, two.exitCode, two.err);
        assertNotEquals(-1, Files.mismatch(first, second));
    }

    @Test
    void writesAFileTheProjectsReaderAcceptsInBothFormats() throws IOException {
        for (String format : new String[] {"pretty", "ndjson"}) {
            Path file = dir.resolve("sample." + format);
            Result result = run("--records", "2500", "--format", format, "--output", file.toString());
            assertEquals(0, result.exitCode, result.err);
            assertEquals(2500, countValid(file), format);
            assertFalse(Files.exists(dir.resolve("sample." + format + ".partial")));
        }
    }

    @Test
    void summarizesOnOneStderrLine() throws IOException {
        Path file = dir.resolve("sample.json");
        Result result = run("--records", "5000", "--output", file.toString());

        String[] lines = result.err.split("\n");
        assertEquals(1, lines.length, result.err);
        assertTrue(lines[0].contains("wrote 5000 records"), lines[0]);
        assertTrue(lines[0].contains(".. 2018-12-31T23:57:00.000)"), lines[0]);
        assertTrue(lines[0].contains(Files.size(file) + " bytes"), lines[0]);
    }

    @Test
    void writesToStandardOutputForDash() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Result result;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            result = run("--records", "10", "--format", "ndjson", "--output", "-");
        } finally {
            System.setOut(original);
        }
        assertEquals(0, result.exitCode, result.err);
        assertEquals(10, captured.toString(StandardCharsets.UTF_8).split("\n").length);
        assertTrue(result.err.contains("to standard output"), result.err);
    }

    @Test
    void invalidUsageExitsWithTwoAndAOneLineError() {
        Path file = dir.resolve("x.json");
        assertUsageError("--records must be between 1 and " + SyntheticCalls.MAX_RECORDS + ", not 0",
                "--records", "0", "--output", file.toString());
        assertUsageError("Invalid value for option '--records': 'many' is not an int",
                "--records", "many", "--output", file.toString());
        assertUsageError("--format must be one of pretty, ndjson, not 'xml'",
                "--format", "xml", "--output", file.toString());
        assertUsageError("Missing required option: '--output=FILE'", "--records", "10");
        assertFalse(Files.exists(file));
    }

    /** The usage-error contract of every command: exit 2, one line naming the problem, a pointer to --help. */
    private static void assertUsageError(String error, String... args) {
        Result result = run(args);
        assertEquals(2, result.exitCode, result.err);
        assertEquals("error: " + error + "\nTry 'generate-sample --help' for the options.\n", result.err);
        assertEquals("", result.out);
    }

    @Test
    void unwritableOutputExitsWithOneAndAOneLineMessage() {
        Result missingDirectory = run("--records", "10", "--output", dir.resolve("no/such/dir/x.json").toString());
        assertEquals(1, missingDirectory.exitCode);
        assertEquals(1, missingDirectory.err.split("\n").length, missingDirectory.err);
        assertTrue(missingDirectory.err.startsWith("generate-sample: cannot write "), missingDirectory.err);
        assertFalse(missingDirectory.err.contains("Exception"), missingDirectory.err);

        Result directory = run("--records", "10", "--output", dir.toString());
        assertEquals(1, directory.exitCode);
        assertTrue(directory.err.contains("is a directory"), directory.err);
    }

    @Test
    void helpShowsEveryDefault() {
        Result help = run("--help");
        assertEquals(0, help.exitCode);
        assertTrue(help.out.contains("(default: 5000)"), help.out);
        assertTrue(help.out.contains("(default: 20181231)"), help.out);
        assertTrue(help.out.contains("(default: pretty)"), help.out);
    }

    private static long countValid(Path file) throws IOException {
        long valid = 0;
        try (CallFileReader reader = CallFileReader.open(file.toString())) {
            for (CallFileEntry entry = reader.next(); entry != null; entry = reader.next()) {
                assertTrue(entry.valid(), entry.rejectReason());
                valid++;
            }
        }
        return valid;
    }

    /** Runs the command as main does, with the project's usage-error handler, capturing its output. */
    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = CommandLines.of(new SampleGenerator());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {
    }
}
