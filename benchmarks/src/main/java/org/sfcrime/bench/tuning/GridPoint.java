package org.sfcrime.bench.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One configuration of the bounded-drain grid: the shipped defaults with one setting changed
 * (one factor at a time), the shipped defaults themselves, or Spark's plain defaults.
 *
 * @param factor               the setting this point varies (see {@link GridPlan}), or "shipped" / "spark-defaults"
 * @param level                the setting's value as shown in tables and charts
 * @param master               spark-submit --master
 * @param shufflePartitions    --shuffle-partitions
 * @param maxOffsetsPerTrigger --max-offsets-per-trigger, 0 = no bound
 * @param sparkConf            further spark-submit --conf settings
 */
record GridPoint(String factor, String level, String master, int shufflePartitions, long maxOffsetsPerTrigger,
                 Map<String, String> sparkConf) {

    static final String SHIPPED = "shipped";
    static final String SPARK_DEFAULTS = "spark-defaults";

    GridPoint {
        sparkConf = new TreeMap<>(sparkConf);
    }

    /** A stable name for logs and CSV rows, e.g. "shuffle-partitions=8". */
    String id() {
        return factor.equals(SHIPPED) || factor.equals(SPARK_DEFAULTS) ? factor : factor + "=" + level;
    }

    /** What the job is actually run with: two points with the same settings are one point. */
    String settingsKey() {
        return master + " shuffle=" + shufflePartitions + " maxOffsets=" + maxOffsetsPerTrigger + " " + sparkConf;
    }

    /** spark-submit's own options for this point (before the job jar). */
    List<String> submitOptions() {
        List<String> options = new ArrayList<>(List.of("--master", master));
        sparkConf.forEach((key, value) -> {
            options.add("--conf");
            options.add(key + "=" + value);
        });
        return options;
    }

    String sparkConfText() {
        return sparkConf.isEmpty() ? "" : sparkConf.toString().replace(", ", " ").replace("{", "").replace("}", "");
    }
}
