package org.sfcrime.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.sfcrime.sample.SampleFormat;
import org.sfcrime.sample.SampleJsonWriter;
import org.sfcrime.sample.SyntheticCalls;

/**
 * The benchmarks' input, generated once and cached: the synthetic calls as a pretty JSON array
 * (the layout of the DataSF export, which our producer and verifier read) and the same records as
 * compact JSON, one per line: the values our producer sends, used as kafka-producer-perf-test's
 * --payload-file. Deterministic for a given (records, seed).
 *
 * @param meanValueBytes mean size of one compact record, the Kafka value, in bytes
 */
public record DataSet(Path callsFile, Path payloadFile, int records, double meanValueBytes) {

    public static DataSet ensure(Path dir, int records, long seed, PrintStream progress) {
        Path calls = dir.resolve("calls-" + records + "-seed" + seed + ".json");
        Path payload = dir.resolve("calls-" + records + "-seed" + seed + ".payload.ndjson");
        try {
            Files.createDirectories(dir);
            if (!Files.isRegularFile(calls) || !Files.isRegularFile(payload)) {
                progress.printf("generating %d synthetic calls (seed %d) into %s (once)%n", records, seed, dir);
                Path callsTmp = Files.createTempFile(dir, "calls", ".tmp");
                Path payloadTmp = Files.createTempFile(dir, "payload", ".tmp");
                try (OutputStream callsOut = new BufferedOutputStream(Files.newOutputStream(callsTmp), 1 << 16);
                     OutputStream payloadOut = new BufferedOutputStream(Files.newOutputStream(payloadTmp), 1 << 16);
                     SampleJsonWriter pretty = new SampleJsonWriter(callsOut, SampleFormat.PRETTY);
                     SampleJsonWriter compact = new SampleJsonWriter(payloadOut, SampleFormat.NDJSON)) {
                    for (Map<String, String> record : new SyntheticCalls(records, seed)) {
                        pretty.write(record);
                        compact.write(record);
                    }
                }
                Files.move(callsTmp, calls, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                Files.move(payloadTmp, payload, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            // Every line is a record plus one newline.
            return new DataSet(calls, payload, records, (Files.size(payload) - records) / (double) records);
        } catch (IOException e) {
            throw new BenchFailure("cannot write the data set under " + dir + ": " + e.getMessage());
        }
    }
}
