package org.sfcrime.bench.tuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The grid of the bounded-drain study: one factor at a time around the shipped defaults, plus
 * Spark's plain defaults (200 shuffle partitions, no maxOffsetsPerTrigger). Not a full factorial:
 * the question is which single change moves throughput, and by how much.
 */
final class GridPlan {

    static final String SHUFFLE_PARTITIONS = "shuffle-partitions";
    static final String MAX_OFFSETS = "max-offsets-per-trigger";
    static final String MASTER = "master";
    static final String DEFAULT_PARALLELISM = "default-parallelism";
    static final String STATE_STORE = "state-store";

    /** The factors in the order the report shows them. */
    static final List<String> FACTORS = List.of(SHUFFLE_PARTITIONS, MAX_OFFSETS, MASTER, DEFAULT_PARALLELISM, STATE_STORE);

    /**
     * What --factors accepts: the factors, and Spark's plain defaults on their own, which makes the
     * grid the stream job's benchmark (shipped defaults against Spark's plain defaults, alternating).
     */
    static final List<String> SELECTABLE = List.of(SHUFFLE_PARTITIONS, MAX_OFFSETS, MASTER, DEFAULT_PARALLELISM, STATE_STORE,
            GridPoint.SPARK_DEFAULTS);

    static final String SHIPPED_MASTER = "local[2]";
    static final String DEFAULT_PARALLELISM_KEY = "spark.default.parallelism";
    static final String STATE_STORE_KEY = "spark.sql.streaming.stateStore.providerClass";
    static final String ROCKSDB_PROVIDER = "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";
    /** Label of the state store Spark uses when none is configured. */
    static final String DEFAULT_STORE = "hdfs (default)";
    static final String UNSET = "unset";

    private GridPlan() {
    }

    /**
     * The points to run, shipped defaults first, with duplicates (a level equal to the shipped one) removed.
     *
     * @param factors what to vary (a subset of {@link #SELECTABLE}); Spark's plain defaults are run when named or with all factors
     */
    static List<GridPoint> points(ShippedDefaults shipped, boolean quick, List<String> factors) {
        // quick: 200 partitions only through Spark's plain defaults, whose runs are the longest (~1 min each)
        List<Integer> shuffleLevels = quick ? List.of(8) : List.of(1, 2, 4, 8, 16, 200);
        List<Long> offsetLevels = quick ? List.of(10_000L, 0L) : List.of(1_000L, 10_000L, 50_000L, 0L);
        List<Integer> parallelismLevels = quick ? List.of(16) : List.of(1, 16);

        Map<String, GridPoint> points = new LinkedHashMap<>();
        add(points, base(shipped, GridPoint.SHIPPED, "shipped"));
        if (factors.containsAll(FACTORS) || factors.contains(GridPoint.SPARK_DEFAULTS)) {
            add(points, new GridPoint(GridPoint.SPARK_DEFAULTS, "200 partitions, no maxOffsets", SHIPPED_MASTER, 200, 0, Map.of()));
        }
        for (int partitions : factors.contains(SHUFFLE_PARTITIONS) ? shuffleLevels : List.<Integer>of()) {
            add(points, new GridPoint(SHUFFLE_PARTITIONS, Integer.toString(partitions), SHIPPED_MASTER, partitions,
                    shipped.maxOffsetsPerTrigger(), Map.of()));
        }
        for (long maxOffsets : factors.contains(MAX_OFFSETS) ? offsetLevels : List.<Long>of()) {
            add(points, new GridPoint(MAX_OFFSETS, offsetsLabel(maxOffsets), SHIPPED_MASTER, shipped.shufflePartitions(),
                    maxOffsets, Map.of()));
        }
        if (factors.contains(MASTER)) {
            add(points, new GridPoint(MASTER, "local[1]", "local[1]", shipped.shufflePartitions(), shipped.maxOffsetsPerTrigger(), Map.of()));
        }
        for (int parallelism : factors.contains(DEFAULT_PARALLELISM) ? parallelismLevels : List.<Integer>of()) {
            add(points, new GridPoint(DEFAULT_PARALLELISM, Integer.toString(parallelism), SHIPPED_MASTER, shipped.shufflePartitions(),
                    shipped.maxOffsetsPerTrigger(), Map.of(DEFAULT_PARALLELISM_KEY, Integer.toString(parallelism))));
        }
        if (factors.contains(STATE_STORE)) {
            add(points, new GridPoint(STATE_STORE, "rocksdb", SHIPPED_MASTER, shipped.shufflePartitions(), shipped.maxOffsetsPerTrigger(),
                    Map.of(STATE_STORE_KEY, ROCKSDB_PROVIDER)));
        }
        return List.copyOf(points.values());
    }

    /** The shipped level of a factor, as its points label levels. */
    static String shippedLevel(String factor, ShippedDefaults shipped) {
        return switch (factor) {
            case SHUFFLE_PARTITIONS -> Integer.toString(shipped.shufflePartitions());
            case MAX_OFFSETS -> offsetsLabel(shipped.maxOffsetsPerTrigger());
            case MASTER -> SHIPPED_MASTER;
            case DEFAULT_PARALLELISM -> UNSET;
            case STATE_STORE -> DEFAULT_STORE;
            default -> throw new IllegalArgumentException("unknown factor " + factor);
        };
    }

    /** Sort key of a level within its factor, so charts read left to right in increasing order. */
    static double levelOrder(String factor, String level) {
        return switch (factor) {
            case SHUFFLE_PARTITIONS -> Double.parseDouble(level);
            case MAX_OFFSETS -> level.equals("unlimited") ? Double.MAX_VALUE : Double.parseDouble(level);
            case MASTER -> Double.parseDouble(level.replaceAll("\\D", ""));
            case DEFAULT_PARALLELISM -> level.equals(UNSET) ? 0 : Double.parseDouble(level);
            case STATE_STORE -> level.equals(DEFAULT_STORE) ? 0 : 1;
            default -> 0;
        };
    }

    static String offsetsLabel(long maxOffsets) {
        return maxOffsets == 0 ? "unlimited" : Long.toString(maxOffsets);
    }

    private static GridPoint base(ShippedDefaults shipped, String factor, String level) {
        return new GridPoint(factor, level, SHIPPED_MASTER, shipped.shufflePartitions(), shipped.maxOffsetsPerTrigger(), Map.of());
    }

    private static void add(Map<String, GridPoint> points, GridPoint point) {
        points.putIfAbsent(point.settingsKey(), point);
    }
}
