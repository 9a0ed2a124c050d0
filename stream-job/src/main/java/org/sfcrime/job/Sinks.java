package org.sfcrime.job;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where the counts and the rejected messages go.
 *
 * @param enabled     the sinks to run, each as its own query
 * @param consoleRows rows the console sink prints per batch at most
 * @param outputTopic topic of the kafka sink
 * @param outputDir   folder of the files sink: a local path or a Hadoop URI
 * @param rejectsDir  folder receiving rejected messages as JSON lines, like outputDir; null = they are only counted
 */
public record Sinks(Set<Sink> enabled, int consoleRows, String outputTopic, String outputDir, OutputFormat outputFormat,
                    String rejectsDir) {

    /** File format of the files sink; the name is Spark's. */
    public enum OutputFormat {
        JSON, PARQUET;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Sinks {
        enabled = Set.copyOf(enabled);
    }

    /** One line for the summary printed at start. */
    String describe() {
        return enabled.stream().map(Sink::toString).sorted().collect(Collectors.joining(", "))
                + (enabled.contains(Sink.KAFKA) ? ", output topic " + outputTopic : "")
                + (enabled.contains(Sink.FILES) ? ", output " + outputDir + " (" + outputFormat + ")" : "");
    }
}
