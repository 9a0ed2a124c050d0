package org.sfcrime.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.timestamp_micros;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sfcrime.record.CallRecordFormat;

/**
 * Turns Kafka messages into calls: the 14 string fields, the event time parsed from
 * {@code call_date_time}, and a reject reason for messages that cannot be counted.
 * The validation rules are those of {@link org.sfcrime.record.CallRecordParser}, which
 * {@link CallMessageParser} applies.
 */
public final class CallParsing {

    /** Event time of a call: {@code call_date_time} as a timestamp (wall-clock, session time zone UTC). */
    public static final String EVENT_TIME = "event_time";
    /** Null for a valid call; otherwise why it is not counted. */
    public static final String REJECT_REASON = "reject_reason";

    /** All 14 fields of a call, each a string, as in the export. */
    public static final StructType SCHEMA = schema();

    private CallParsing() {
    }

    /**
     * Parses the value of each Kafka row; keeps topic, partition and offset so that a rejected
     * message can be traced to where it came from.
     */
    public static Dataset<Row> parse(Dataset<Row> kafkaRows) {
        UserDefinedFunction parseMessage = udf(new CallMessageParser(), CallMessageParser.RESULT).asNonNullable();
        Dataset<Row> calls = kafkaRows.select(
                col("topic"), col("partition"), col("offset"),
                col("value").cast("string").as("raw_value"),
                parseMessage.apply(col("value")).as("call"));
        List<Column> columns = new ArrayList<>(List.of(col("topic"), col("partition"), col("offset"), col("raw_value")));
        for (String field : CallRecordFormat.FIELDS) {
            columns.add(col("call." + field).as(field));
        }
        columns.add(timestamp_micros(col("call." + CallMessageParser.EVENT_MICROS)).as(EVENT_TIME));
        columns.add(col("call." + REJECT_REASON).as(REJECT_REASON));
        return calls.select(columns.toArray(Column[]::new));
    }

    /**
     * The same rows, with the messages received and rejected in each batch counted as Spark's
     * observed metrics {@value BatchMetrics#CALL_METRICS}, which the progress line reports.
     */
    public static Dataset<Row> observed(Dataset<Row> parsed) {
        return parsed.observe(BatchMetrics.CALL_METRICS,
                count(lit(1)).as("received"),
                count(when(col(REJECT_REASON).isNotNull(), lit(1))).as("rejected"));
    }

    /** Only the calls that can be counted. */
    public static Dataset<Row> valid(Dataset<Row> parsed) {
        return parsed.filter(col(REJECT_REASON).isNull());
    }

    private static StructType schema() {
        List<StructField> fields = new ArrayList<>();
        for (String field : CallRecordFormat.FIELDS) {
            fields.add(DataTypes.createStructField(field, DataTypes.StringType, true));
        }
        return DataTypes.createStructType(fields);
    }
}
