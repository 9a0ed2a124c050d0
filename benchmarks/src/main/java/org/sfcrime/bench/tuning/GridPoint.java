package org.sfcrime.bench.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One configuration of the bounded-drain grid: the shipped defaults with one setting changed, the shipped defaults
 * themselves, or Spark's plain defaults (200 shuffle partitions, no maxOffsetsPerTrigger). Not a full factorial: the
 * question is which single change moves throughput, and by how much.
 *
 * @param factor               the setting this point varies (one of {@link #FACTORS}), or "shipped" / "spark-defaults"
 * @param level                the setting's value as shown in tables and charts
 * @param master               spark-submit --master
 * @param maxOffsetsPerTrigger --max-offsets-per-trigger, 0 = no bound
 * @param sparkConf            a further spark-submit --conf KEY=VALUE, or ""
 */
record GridPoint(String factor, String level, String master, int shufflePartitions, long maxOffsetsPerTrigger, String sparkConf) {

    static final String SHIPPED = "shipped";
    static final String SPARK_DEFAULTS = "spark-defaults";
    static final String SHUFFLE_PARTITIONS = "shuffle-partitions";
    static final String MAX_OFFSETS = "max-offsets-per-trigger";
    static final String MASTER = "master";
    static final String DEFAULT_PARALLELISM = "default-parallelism";
    static final String STATE_STORE = "state-store";
    /** The factors in the order the report shows them. */
    static final List<String> FACTORS = List.of(SHUFFLE_PARTITIONS, MAX_OFFSETS, MASTER, DEFAULT_PARALLELISM, STATE_STORE);
    static final String SHIPPED_MASTER = "local[2]";

    /** Shipped defaults first, Spark's plain defaults when named or with all factors, then each factor's levels. */
    static List<GridPoint> plan(TuningStudy.Shipped shipped, boolean quick, List<String> factors) {
        int partitions = shipped.shufflePartitions();
        long maxOffsets = shipped.maxOffsetsPerTrigger();
        List<GridPoint> points = new ArrayList<>(List.of(new GridPoint(SHIPPED, SHIPPED, SHIPPED_MASTER, partitions, maxOffsets, "")));
        if (factors.containsAll(FACTORS) || factors.contains(SPARK_DEFAULTS)) {
            points.add(new GridPoint(SPARK_DEFAULTS, "200 partitions, no maxOffsets", SHIPPED_MASTER, 200, 0, ""));
        }
        // quick: 200 partitions only through Spark's plain defaults, whose runs are the longest (~1 min each)
        if (factors.contains(SHUFFLE_PARTITIONS)) {
            (quick ? List.of(8) : List.of(1, 2, 4, 8, 16, 200)).forEach(level ->
                    points.add(new GridPoint(SHUFFLE_PARTITIONS, level.toString(), SHIPPED_MASTER, level, maxOffsets, "")));
        }
        if (factors.contains(MAX_OFFSETS)) {
            (quick ? List.of(10_000L, 0L) : List.of(1_000L, 10_000L, 50_000L, 0L)).forEach(level ->
                    points.add(new GridPoint(MAX_OFFSETS, offsetsLabel(level), SHIPPED_MASTER, partitions, level, "")));
        }
        if (factors.contains(MASTER)) {
            points.add(new GridPoint(MASTER, "local[1]", "local[1]", partitions, maxOffsets, ""));
        }
        if (factors.contains(DEFAULT_PARALLELISM)) {
            (quick ? List.of(16) : List.of(1, 16)).forEach(level -> points.add(new GridPoint(DEFAULT_PARALLELISM, level.toString(),
                    SHIPPED_MASTER, partitions, maxOffsets, "spark.default.parallelism=" + level)));
        }
        if (factors.contains(STATE_STORE)) {
            points.add(new GridPoint(STATE_STORE, "rocksdb", SHIPPED_MASTER, partitions, maxOffsets,
                    "spark.sql.streaming.stateStore.providerClass=org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider"));
        }
        // two points with the same settings are one point
        Map<String, GridPoint> unique = new LinkedHashMap<>();
        points.forEach(point -> unique.putIfAbsent(point.master() + " " + point.shufflePartitions() + " " + point.maxOffsetsPerTrigger()
                + " " + point.sparkConf(), point));
        return List.copyOf(unique.values());
    }

    /** A stable name for logs and CSV rows, e.g. "shuffle-partitions=8". */
    String id() {
        return factor.equals(SHIPPED) || factor.equals(SPARK_DEFAULTS) ? factor : factor + "=" + level;
    }

    List<String> submitOptions() {
        return sparkConf.isEmpty() ? List.of("--master", master) : List.of("--master", master, "--conf", sparkConf);
    }

    static String shippedLevel(String factor, TuningStudy.Shipped shipped) {
        return switch (factor) {
            case SHUFFLE_PARTITIONS -> Integer.toString(shipped.shufflePartitions());
            case MAX_OFFSETS -> offsetsLabel(shipped.maxOffsetsPerTrigger());
            case MASTER -> SHIPPED_MASTER;
            case DEFAULT_PARALLELISM -> "unset";
            default -> "hdfs (default)"; // the state store Spark uses when none is configured
        };
    }

    /** Sort key of a level, so charts read left to right in increasing order: its number, unlimited last, none first. */
    static double levelOrder(String level) {
        String digits = level.replaceAll("\\D", "");
        return level.equals("unlimited") ? Double.MAX_VALUE : digits.isEmpty() ? 0 : Double.parseDouble(digits);
    }

    private static String offsetsLabel(long maxOffsets) {
        return maxOffsets == 0 ? "unlimited" : Long.toString(maxOffsets);
    }
}
