package org.sfcrime.sample;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sfcrime.record.CallRecordFormat;
import org.sfcrime.cli.CommandLines;
import org.sfcrime.cli.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Writes a synthetic calls-for-service sample shaped like the DataSF extract. */
@Command(name = "generate-sample", mixinStandardHelpOptions = true,
        description = "Writes a deterministic synthetic sample of San Francisco police calls for service, "
                + "shaped like the DataSF extract: newest call first, ending 2018-12-31 23:57.",
        footer = {"", ExitCodes.HELP})
public final class SampleGenerator implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--records", paramLabel = "N", defaultValue = "" + SyntheticCalls.DEFAULT_RECORDS,
            description = "Writes this many records, from 1 to " + SyntheticCalls.MAX_RECORDS
                    + "; about 2,200 make one day (default: ${DEFAULT-VALUE}).")
    private int records;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + SyntheticCalls.DEFAULT_SEED,
            description = "Seeds the random choices; the same arguments always give the same bytes (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--output", paramLabel = "FILE", required = true,
            description = "Writes the sample to this file, replacing it only once complete, or to standard output when '-'.")
    private String output;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "pretty",
            description = "Writes one indented JSON array like the DataSF export (pretty) or one JSON object per line (ndjson); one of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private SampleFormat format;

    public static void main(String[] args) {
        System.exit(CommandLines.of(new SampleGenerator()).execute(args));
    }

    @Override
    public Integer call() {
        if (records < 1 || records > SyntheticCalls.MAX_RECORDS) {
            throw new ParameterException(spec.commandLine(), "--records must be between 1 and "
                    + SyntheticCalls.MAX_RECORDS + ", not " + records);
        }
        try (SampleOutput out = SampleOutput.open(output, System.out)) {
            String newest = null;
            String oldest = null;
            try (SampleJsonWriter writer = new SampleJsonWriter(out.stream(), format)) {
                for (Map<String, String> record : new SyntheticCalls(records, seed)) {
                    writer.write(record);
                    oldest = record.get(CallRecordFormat.CALL_DATE_TIME);
                    if (newest == null) {
                        newest = oldest;
                    }
                }
            }
            out.commit();
            spec.commandLine().getErr().printf("generate-sample: wrote %d record%s (%s .. %s), %d bytes, to %s%n",
                    records, records == 1 ? "" : "s", oldest, newest, out.bytesWritten(), out.name());
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("generate-sample: cannot write " + output + ": " + reason(e));
            return 1;
        }
    }

    /** A short reason without a stack trace; java.nio's messages are often just the path. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return String.valueOf(e.getMessage());
    }
}
