package org.sfcrime.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.json_object_keys;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sfcrime.record.CallRecordFormat;

/**
 * Turns Kafka messages into calls: the 14 string fields, the event time parsed from
 * {@code call_date_time}, and a reject reason for messages that cannot be counted.
 * The validation rules are those of {@link org.sfcrime.record.CallRecordParser}.
 */
public final class CallEvents {

    /** Event time of a call: {@code call_date_time} as a timestamp (wall-clock, session time zone UTC). */
    public static final String EVENT_TIME = "event_time";
    /** Null for a valid call; otherwise why it is not counted. */
    public static final String REJECT_REASON = "reject_reason";

    /** All 14 fields of a call, each a string, as in the export. */
    public static final StructType SCHEMA = schema();

    private CallEvents() {
    }

    /**
     * Parses the value of each Kafka row; keeps topic, partition and offset so that a rejected
     * message can be traced to where it came from.
     */
    public static Dataset<Row> parse(Dataset<Row> kafkaRows) {
        Dataset<Row> calls = kafkaRows.select(
                col("topic"), col("partition"), col("offset"),
                col("value").cast("string").as("raw_value"),
                from_json(col("value").cast("string"), SCHEMA, Map.of()).as("call"));
        List<Column> columns = new ArrayList<>(List.of(col("topic"), col("partition"), col("offset"), col("raw_value")));
        for (String field : CallRecordFormat.FIELDS) {
            columns.add(col("call." + field).as(field));
        }
        Column eventTime = try_to_timestamp(col("call." + CallRecordFormat.CALL_DATE_TIME), lit(CallRecordFormat.TIMESTAMP_PATTERN));
        columns.add(eventTime.as(EVENT_TIME));
        columns.add(rejectReason(eventTime).as(REJECT_REASON));
        return calls.select(columns.toArray(Column[]::new));
    }

    /** Only the calls that can be counted. */
    public static Dataset<Row> valid(Dataset<Row> parsed) {
        return parsed.filter(col(REJECT_REASON).isNull());
    }

    /**
     * Reads only crime_id and call_date_time of a valid call, so that Spark can prune the other
     * fields out of the JSON parsing where the counts do not need them; json_object_keys (a second
     * parse) runs only for the rare message that lacks a crime_id.
     */
    private static Column rejectReason(Column eventTime) {
        Column crimeId = col("call." + CallRecordFormat.CRIME_ID);
        Column callDateTime = col("call." + CallRecordFormat.CALL_DATE_TIME);
        Column missingCrimeId = crimeId.isNull().or(crimeId.equalTo(""));
        return when(missingCrimeId.and(json_object_keys(col("raw_value")).isNull()), lit("not a JSON object"))
                .when(missingCrimeId, lit("missing " + CallRecordFormat.CRIME_ID))
                .when(callDateTime.isNull(), lit("missing " + CallRecordFormat.CALL_DATE_TIME))
                .when(eventTime.isNull(), lit("unparseable " + CallRecordFormat.CALL_DATE_TIME
                        + " (expected " + CallRecordFormat.TIMESTAMP_PATTERN + ")"));
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (String field : CallRecordFormat.FIELDS) {
            fields.add(DataTypes.createStructField(field, DataTypes.StringType, true));
        }
        return DataTypes.createStructType(fields);
    }
}
