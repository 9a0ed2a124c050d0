package org.sfcrime.bench.clients;

import org.sfcrime.bench.BenchFailure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The parts of our verifier's {@code --report json} the benchmark reads. Its elapsed_ms is the
 * topic read alone: JVM start-up and reading the file excluded, offset look-ups included.
 */
record VerifyReport(boolean exact, long consumed, long elapsedMs) {

    /** @throws BenchFailure when stdout is not the JSON report */
    static VerifyReport parse(String stdout) {
        try {
            JsonNode root = new ObjectMapper().readTree(stdout);
            if (root == null || !root.has("elapsed_ms") || !root.path("counts").has("consumed")) {
                throw new BenchFailure("the verifier printed no JSON report with elapsed_ms and counts.consumed");
            }
            return new VerifyReport(root.path("exact").asBoolean(), root.path("counts").path("consumed").asLong(),
                    root.path("elapsed_ms").asLong());
        } catch (IOException e) {
            throw new BenchFailure("the verifier's report is not JSON: " + e.getMessage());
        }
    }

    double seconds() {
        return elapsedMs / 1000.0;
    }
}
