package org.sfcrime.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.sfcrime.record.CallRecordFormat;

/**
 * The enriched feed: every valid call, keyed by its crime_id, as its JSON plus the description of
 * its disposition's radio code. A stateless query (parse, filter, broadcast join, project), which
 * is what Spark's Real-Time Mode runs: each call is written as soon as it is read.
 */
public final class EnrichedFeed {

    /** The field added to each call: the radio code's description, or {@link WindowedCounts#UNKNOWN_CODE}. */
    public static final String DISPOSITION_DESCRIPTION = "disposition_description";
    static final String QUERY_NAME = "enriched";

    private EnrichedFeed() {
    }

    /**
     * Kafka messages (key, value) of the valid calls, each described as the counts describe it
     * ({@link RadioCodes#describe}): a call whose code is not in the lookup is kept and labelled.
     */
    public static Dataset<Row> enrichedCalls(Dataset<Row> validCalls, Dataset<Row> radioCodes) {
        Dataset<Row> described = RadioCodes.describe(validCalls, radioCodes, DISPOSITION_DESCRIPTION);
        List<Column> fields = new ArrayList<>();
        for (String field : CallRecordFormat.FIELDS) {
            fields.add(col(field));
        }
        fields.add(col(DISPOSITION_DESCRIPTION));
        return described.select(col(CallRecordFormat.CRIME_ID).as("key"),
                to_json(struct(fields.toArray(Column[]::new))).as("value"));
    }

    /**
     * Starts the feed's query. Real-Time Mode rejects the source's batch limits, so they are left
     * out there; its Kafka sink is at-least-once, as in micro-batches: a restart may re-send calls
     * read since the last checkpoint.
     */
    static StreamingQuery start(SparkSession spark, CallSource source, RadioCodes codes, String topic, Trigger trigger,
                                boolean realTime, CheckpointRoot checkpoints) throws TimeoutException {
        CallSource input = realTime ? source.withoutBatchLimits() : source;
        Dataset<Row> validCalls = CallParsing.valid(CallParsing.observed(CallParsing.parse(input.read(spark))));
        return source.writeTo(enrichedCalls(validCalls, codes.toDataset(spark)), topic)
                .outputMode(OutputMode.Update())
                .queryName(QUERY_NAME)
                .option("checkpointLocation", checkpoints.of(QUERY_NAME))
                .trigger(trigger)
                .start();
    }
}
