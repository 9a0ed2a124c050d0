package org.sfcrime.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.window;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.sfcrime.record.CallRecordFormat;

/**
 * The job's analytics: calls joined with the radio codes, counted per event-time window,
 * crime type and disposition.
 */
public final class WindowedCounts {

    /** The description given to calls whose disposition has no radio code: they are counted, not dropped. */
    public static final String UNKNOWN_CODE = "(no radio code)";

    public static final String WINDOW_START = "window_start";
    public static final String WINDOW_END = "window_end";
    public static final String CRIME_TYPE = "crime_type";
    public static final String DISPOSITION = "disposition";
    public static final String DESCRIPTION = "description";
    public static final String COUNT = "count";

    private WindowedCounts() {
    }

    /**
     * Windowed counts of valid calls (see {@link CallParsing#valid}).
     *
     * <p>Each call is described as {@link RadioCodes#describe} does. The watermark bounds the state: a
     * window is final once the watermark passes its end, and calls older than the watermark
     * are dropped and reported by Spark as numRowsDroppedByWatermark.
     */
    public static Dataset<Row> windowedCounts(Dataset<Row> validCalls, Dataset<Row> radioCodes, Windowing windowing) {
        Dataset<Row> calls = validCalls.withWatermark(CallParsing.EVENT_TIME, SparkInterval.toSpark(windowing.watermark()));
        Dataset<Row> described = RadioCodes.describe(calls, radioCodes, DESCRIPTION)
                .select(col(CallParsing.EVENT_TIME), col(CallRecordFormat.ORIGINAL_CRIME_TYPE_NAME).as(CRIME_TYPE),
                        col(CallRecordFormat.DISPOSITION).as(DISPOSITION), col(DESCRIPTION));
        return described
                .groupBy(window(col(CallParsing.EVENT_TIME), SparkInterval.toSpark(windowing.length()),
                                SparkInterval.toSpark(windowing.slide())),
                        col(CRIME_TYPE), col(DISPOSITION), col(DESCRIPTION))
                .count()
                .select(col("window.start").as(WINDOW_START), col("window.end").as(WINDOW_END),
                        col(CRIME_TYPE), col(DISPOSITION), col(DESCRIPTION), col(COUNT));
    }
}
