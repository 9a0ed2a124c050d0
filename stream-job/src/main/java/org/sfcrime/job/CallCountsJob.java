package org.sfcrime.job;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.sfcrime.record.CallRecordFormat;

/**
 * Wires the job: Kafka source, parsing, the radio-code join, windowed counts, and one
 * streaming query per sink. All queries are started before any is awaited.
 */
public final class CallCountsJob {

    private final SparkSession spark;
    private final JobConfig config;
    private final RadioCodes radioCodes;
    private final Path checkpointRoot;
    private final PrintStream out;

    public CallCountsJob(SparkSession spark, JobConfig config, RadioCodes radioCodes, Path checkpointRoot, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.radioCodes = radioCodes;
        this.checkpointRoot = checkpointRoot;
        this.out = out;
    }

    /** The windowed counts as a streaming Dataset, with per-batch received/rejected metrics. */
    public Dataset<Row> windowedCounts() {
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", config.bootstrapServers())
                .option("subscribe", config.topic())
                .option("startingOffsets", config.startingOffsets())
                .option("failOnDataLoss", "true")
                .options(config.kafkaOptions());
        if (config.maxOffsetsPerTrigger() > 0) {
            reader = reader.option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger());
        }
        Dataset<Row> parsed = CallEvents.parse(reader.load())
                .observe(BatchProgressPrinter.CALL_METRICS,
                        count(lit(1)).as("received"),
                        count(when(col(CallEvents.REJECT_REASON).isNotNull(), lit(1))).as("rejected"));
        return CallCounts.windowedCounts(CallEvents.valid(parsed), radioCodes.toDataset(spark),
                config.window(), config.slide(), config.watermark());
    }

    /** Starts one query per configured sink. */
    public List<StreamingQuery> start() throws TimeoutException {
        Dataset<Row> counts = windowedCounts();
        List<StreamingQuery> queries = new ArrayList<>();
        for (Sink sink : config.sinks()) {
            DataStreamWriter<Row> writer = switch (sink) {
                case CONSOLE -> consoleWriter(counts);
                case KAFKA -> kafkaWriter(counts);
            };
            queries.add(writer
                    .queryName(sink.queryName())
                    .outputMode(OutputMode.Update())
                    .option("checkpointLocation", checkpointRoot.resolve(sink.queryName()).toString())
                    .trigger(config.bounded() ? Trigger.AvailableNow() : Trigger.ProcessingTime(config.trigger().toMillis()))
                    .start());
        }
        return queries;
    }

    /** Each batch's changed windows, largest counts first; the batch is cached because it is read twice. */
    private DataStreamWriter<Row> consoleWriter(Dataset<Row> counts) {
        int rows = config.consoleRows();
        return counts.writeStream().foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) -> {
            batch.persist();
            try {
                long changed = batch.count();
                if (changed == 0) {
                    return;
                }
                out.println("Batch " + batchId + ": " + changed + " windows changed"
                        + (changed > rows ? " (the " + rows + " largest counts shown)" : ""));
                batch.orderBy(desc(CallCounts.COUNT), asc(CallCounts.WINDOW_START), asc(CallCounts.CRIME_TYPE))
                        .show(rows, false);
                out.flush();
            } finally {
                batch.unpersist();
            }
        });
    }

    /**
     * Changed windows as JSON, keyed by window start, crime type and disposition, so a reader
     * (or a compacted topic) keeps the latest count per key. Timestamps use the input's pattern.
     */
    private DataStreamWriter<Row> kafkaWriter(Dataset<Row> counts) {
        String pattern = CallRecordFormat.TIMESTAMP_PATTERN;
        Dataset<Row> messages = counts.select(
                concat_ws("|", date_format(col(CallCounts.WINDOW_START), pattern), coalesce(col(CallCounts.CRIME_TYPE), lit("")),
                        coalesce(col(CallCounts.DISPOSITION), lit(""))).as("key"),
                to_json(struct(
                        date_format(col(CallCounts.WINDOW_START), pattern).as(CallCounts.WINDOW_START),
                        date_format(col(CallCounts.WINDOW_END), pattern).as(CallCounts.WINDOW_END),
                        col(CallCounts.CRIME_TYPE), col(CallCounts.DISPOSITION), col(CallCounts.DESCRIPTION),
                        col(CallCounts.COUNT))).as("value"));
        return messages.writeStream().format("kafka")
                .option("kafka.bootstrap.servers", config.bootstrapServers())
                .option("topic", config.outputTopic())
                .options(config.kafkaOptions());
    }
}
