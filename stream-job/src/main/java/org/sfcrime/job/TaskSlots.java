package org.sfcrime.job;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.sfcrime.cli.CommandFailure;

/**
 * The check that the application has the task slots Real-Time Mode holds: one long-running task
 * per Kafka partition for as long as the query runs, plus what the job's micro-batch queries need
 * beside it. With too few, Spark waits for a free slot forever; this says so in one line before any
 * query starts.
 *
 * @param partitions  partitions of the input topic: the real-time tasks
 * @param otherSlots  slots the micro-batch queries need beside them: the counts' shuffle partitions, or
 *                    1 for the rejects alone, 0 when neither runs
 * @param others      what those are, for the message: "the counts" or "the rejects"
 */
record TaskSlots(int partitions, int otherSlots, String others) {

    /** How long a cluster's executors may take to register before their cores are counted. */
    static final Duration REGISTRATION_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\s*\\d+)?])?");

    int needed() {
        return partitions + otherSlots;
    }

    /**
     * The slots the submitted settings give without asking a running cluster: local[N] (N cores,
     * local[*] all of this machine's), or a cluster's spark.cores.max or executor instances x cores;
     * divided by spark.task.cpus. Empty when only the registered executors can tell.
     */
    static OptionalInt configured(SparkConf conf) {
        String master = conf.get("spark.master", "local[*]");
        int taskCpus = conf.getInt("spark.task.cpus", 1);
        Matcher local = LOCAL.matcher(master);
        if (local.matches()) {
            String cores = local.group(1);
            int n = cores == null ? 1 : cores.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(cores);
            return OptionalInt.of(n / taskCpus);
        }
        if (conf.contains("spark.cores.max")) {
            return OptionalInt.of(conf.getInt("spark.cores.max", 0) / taskCpus);
        }
        if (conf.contains("spark.executor.instances") && conf.contains("spark.executor.cores")) {
            return OptionalInt.of(conf.getInt("spark.executor.instances", 0) * conf.getInt("spark.executor.cores", 0) / taskCpus);
        }
        return OptionalInt.empty();
    }

    /** @throws CommandFailure when the settings give too few slots */
    void requireConfigured(SparkConf conf) {
        configured(conf).ifPresent(slots -> require(slots, conf.get("spark.master", "local[*]")));
    }

    /**
     * For a cluster whose settings do not say: the cores of the executors registered within
     * {@link #REGISTRATION_TIMEOUT} (Spark's default parallelism on a cluster).
     *
     * @throws CommandFailure when there are too few
     */
    void requireRegistered(SparkContext context) throws InterruptedException {
        if (configured(context.getConf()).isPresent()) {
            return;
        }
        long deadline = System.nanoTime() + REGISTRATION_TIMEOUT.toNanos();
        while (context.defaultParallelism() < needed() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        require(context.defaultParallelism() / context.getConf().getInt("spark.task.cpus", 1), context.master());
    }

    private void require(int slots, String master) {
        if (slots >= needed()) {
            return;
        }
        boolean local = master.startsWith("local");
        throw new CommandFailure("the enriched feed in real-time mode holds one task per Kafka partition: " + partitions
                + " partitions" + (otherSlots > 0 ? " + " + otherSlots + " for " + others : "") + " need "
                + (local ? "local[" + needed() + "]" : needed() + " task slots") + " or more; got "
                + (local ? master + (master.contains("*") ? " (" + slots + " cores)" : "") : slots + " on " + master)
                + " (or run it with --enriched-trigger micro-batch)");
    }
}
