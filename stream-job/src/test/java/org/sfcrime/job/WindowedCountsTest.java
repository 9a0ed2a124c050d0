package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.sfcrime.record.CallRecordFormat;
import org.sfcrime.testing.CallJson;
import org.sfcrime.testing.ProjectPaths;

/** The job's parsing and counting, run by a real local Spark session on rows shaped like Kafka's. */
class WindowedCountsTest {

    private static final StructType KAFKA_ROW = DataTypes.createStructType(List.of(
            DataTypes.createStructField("topic", DataTypes.StringType, false),
            DataTypes.createStructField("partition", DataTypes.IntegerType, false),
            DataTypes.createStructField("offset", DataTypes.LongType, false),
            DataTypes.createStructField("value", DataTypes.BinaryType, true)));

    private final SparkSession spark = LocalSpark.get();

    @Test
    void rejectsMessagesThatCannotBeCountedWithTheirReasonAndOffset() {
        Dataset<Row> parsed = CallParsing.parse(kafkaRows(Arrays.asList(
                call("1", "Traffic Stop", "2018-12-31T10:05:00.000", "HAN"),
                "not json at all",
                "{\"original_crime_type_name\":\"Drugs\",\"call_date_time\":\"2018-12-31T10:05:00.000\"}",
                "{\"crime_id\":\"2\",\"call_date_time\":\"2018-02-30T10:05:00.000\"}",
                "{\"crime_id\":\"3\"}",
                "[1,2,3]",
                null)));

        Map<Long, String> reasons = new TreeMap<>();
        for (Row row : parsed.filter("reject_reason is not null").collectAsList()) {
            reasons.put(row.getAs("offset"), row.getAs(CallParsing.REJECT_REASON));
        }

        assertEquals(Map.of(
                1L, "not JSON",
                2L, "missing crime_id",
                3L, "unparseable call_date_time '2018-02-30T10:05:00.000' (expected yyyy-MM-dd'T'HH:mm:ss.SSS)",
                4L, "missing call_date_time",
                5L, "not a JSON object",
                6L, "null value"), reasons);
        assertEquals(1, CallParsing.valid(parsed).count());
    }

    @Test
    void countsPerHourCrimeTypeAndDispositionKeepingUnknownCodes() throws Exception {
        Dataset<Row> counts = countsOf(List.of(
                call("1", "Traffic Stop", "2018-12-31T10:00:00.000", "HAN"),
                call("2", "Traffic Stop", "2018-12-31T10:59:00.000", "HAN"),
                call("3", "Traffic Stop", "2018-12-31T11:00:00.000", "HAN"),
                call("4", "Traffic Stop", "2018-12-31T10:30:00.000", "Not recorded"),
                call("5", "Drugs", "2018-12-31T10:30:00.000", "Not recorded"),
                call("6", "Drugs", "2018-12-31T10:31:00.000", "CIT"),
                "garbage"), Duration.ofMinutes(60));

        assertEquals(Map.of(
                "2018-12-31 10:00:00|Traffic Stop|HAN|Handled", 2L,
                "2018-12-31 11:00:00|Traffic Stop|HAN|Handled", 1L,
                "2018-12-31 10:00:00|Traffic Stop|Not recorded|(no radio code)", 1L,
                "2018-12-31 10:00:00|Drugs|Not recorded|(no radio code)", 1L,
                "2018-12-31 10:00:00|Drugs|CIT|Cited", 1L), asMap(counts));
    }

    @Test
    void slidingWindowsCountACallInEveryWindowThatHoldsIt() throws Exception {
        Dataset<Row> counts = countsOf(List.of(
                call("1", "Drugs", "2018-12-31T10:40:00.000", "ARR")), Duration.ofMinutes(30));

        assertEquals(Map.of(
                "2018-12-31 10:00:00|Drugs|ARR|Arrest", 1L,
                "2018-12-31 10:30:00|Drugs|ARR|Arrest", 1L), asMap(counts));
    }

    private Dataset<Row> countsOf(List<String> messages, Duration slide) throws Exception {
        RadioCodes codes = RadioCodes.read(ProjectPaths.radioCodes().toString(), new org.apache.hadoop.conf.Configuration());
        return WindowedCounts.windowedCounts(CallParsing.valid(CallParsing.parse(kafkaRows(messages))), codes.toDataset(spark),
                new Windowing(Duration.ofMinutes(60), slide, Duration.ofMinutes(30)));
    }

    private Dataset<Row> kafkaRows(List<String> values) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            rows.add(RowFactory.create("calls", 0, (long) i, value == null ? null : value.getBytes(StandardCharsets.UTF_8)));
        }
        return spark.createDataFrame(rows, KAFKA_ROW);
    }

    private static Map<String, Long> asMap(Dataset<Row> counts) {
        Map<String, Long> map = new TreeMap<>();
        for (Row row : counts.collectAsList()) {
            String key = row.getAs(WindowedCounts.WINDOW_START).toString().replace(".0", "") + "|" + row.getAs(WindowedCounts.CRIME_TYPE)
                    + "|" + row.getAs(WindowedCounts.DISPOSITION) + "|" + row.getAs(WindowedCounts.DESCRIPTION);
            map.merge(key, row.<Long>getAs(WindowedCounts.COUNT), Long::sum);
        }
        return map;
    }

    private static String call(String crimeId, String type, String callDateTime, String disposition) {
        return CallJson.call(crimeId, CallRecordFormat.parseTimestamp(callDateTime)).crimeType(type).disposition(disposition).json();
    }
}
