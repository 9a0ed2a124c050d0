package org.sfcrime.bench.tuning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.sfcrime.bench.ChildRun;
import org.sfcrime.bench.Csv;
import org.sfcrime.testing.ProjectPaths;

/** Machine and settings facts, so that every figure of a study can be put in context: environment-PART.csv. */
final class StudyEnvironment {

    private StudyEnvironment() {
    }

    static void write(StudyContext context, Instant started, int inputPartitions) {
        StudyOptions options = context.options();
        ShippedDefaults shipped = context.shipped();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("started_utc", started.truncatedTo(ChronoUnit.SECONDS).toString()));
        rows.add(List.of("finished_utc", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString()));
        rows.add(List.of("plan", options.plan()));
        rows.add(List.of("part", options.partName()));
        rows.add(List.of("available_processors", Runtime.getRuntime().availableProcessors()));
        rows.add(List.of("cpu_model", procLine(Path.of("/proc/cpuinfo"), "model name")));
        rows.add(List.of("memory_total", procLine(Path.of("/proc/meminfo"), "MemTotal")));
        rows.add(List.of("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")));
        rows.add(List.of("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")));
        rows.add(List.of("spark_driver_memory", System.getenv().getOrDefault("SPARK_DRIVER_MEMORY", "1g (scripts/spark-submit default)")));
        rows.add(List.of("git_commit", gitDescribe(context.workDir())));
        rows.add(List.of("stream_job_jar_sha256", sha256(context.jobJar())));
        rows.add(List.of("records", options.records));
        rows.add(List.of("grid_repeats", options.repeats));
        rows.add(List.of("grid_warmup_runs", options.warmupRuns()));
        rows.add(List.of("live_rates_per_s", options.rates.toString()));
        rows.add(List.of("live_triggers_s", options.triggerSeconds().toString()));
        rows.add(List.of("live_repeats", options.liveRuns()));
        rows.add(List.of("live_warmup_s", options.liveWarmupSeconds));
        rows.add(List.of("live_measure_s", options.measureSeconds()));
        rows.add(List.of("seed", options.seed));
        rows.add(List.of("shipped_shuffle_partitions", shipped.shufflePartitions()));
        rows.add(List.of("shipped_max_offsets_per_trigger", shipped.maxOffsetsPerTrigger()));
        rows.add(List.of("shipped_min_partitions", shipped.minPartitions()));
        rows.add(List.of("shipped_trigger", shipped.trigger()));
        rows.add(List.of("shipped_master", GridPlan.SHIPPED_MASTER));
        rows.add(List.of("input_topic_partitions", inputPartitions));
        Csv.write(options.outputDirectory().resolve("environment-" + options.partName() + ".csv"), List.of("key", "value"), rows);
    }

    /** The short commit of the project, marked when the work tree has uncommitted changes; "unknown" without git. */
    private static String gitDescribe(Path logDir) {
        String root = ProjectPaths.root().toString();
        String head = git(logDir, "head", "git", "-C", root, "rev-parse", "--short", "HEAD");
        String dirty = git(logDir, "status", "git", "-C", root, "status", "--porcelain", "--untracked-files=no");
        return head == null ? "unknown" : head.strip() + (dirty == null || dirty.isBlank() ? "" : " (with uncommitted changes)");
    }

    private static String git(Path logDir, String name, String... command) {
        try (ChildRun git = ChildRun.start(List.of(command), logDir, "git-" + name)) {
            return git.waitFor(Duration.ofSeconds(20)) == 0 ? git.stdout() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unknown";
        }
    }

    private static String procLine(Path file, String prefix) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(prefix)).map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst()
                    .orElse("unknown");
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }
}
