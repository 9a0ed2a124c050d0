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
public final class CountsQueries {

    private final SparkSession spark;
    private final JobConfig config;
    private final RadioCodes radioCodes;
    private final Path checkpointRoot;
    private final PrintStream out;

    public CountsQueries(SparkSession spark, JobConfig config, RadioCodes radioCodes, Path checkpointRoot, PrintStream out) {
        this.spark = spark;
        this.config = config;
        this.radioCodes = radioCodes;
        this.checkpointRoot = checkpointRoot;
        this.out = out;
    }

    /** Calls parsed from the topic, rejected ones included, with per-batch received/rejected metrics. */
    private Dataset<Row> parsedCalls() {
        DataStreamReader reader = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", config.bootstrapServers())
                .option("subscribe", config.topic())
                .option("startingOffsets", config.startingOffsets())
                .option("failOnDataLoss", "true")
                .options(config.kafkaOptions());
        if (config.maxOffsetsPerTrigger() > 0) {
            reader = reader.option("maxOffsetsPerTrigger", config.maxOffsetsPerTrigger());
        }
        if (config.minPartitions() > 0) {
            reader = reader.option("minPartitions", config.minPartitions());
        }
        return CallParsing.parse(reader.load())
                .observe(BatchMetrics.CALL_METRICS,
                        count(lit(1)).as("received"),
                        count(when(col(CallParsing.REJECT_REASON).isNotNull(), lit(1))).as("rejected"));
    }

    /** Starts one query per configured sink, plus one for the rejects when they are written. */
    public List<StreamingQuery> start() throws TimeoutException {
        Dataset<Row> parsed = parsedCalls();
        Dataset<Row> counts = WindowedCounts.windowedCounts(CallParsing.valid(parsed), radioCodes.toDataset(spark),
                config.window(), config.slide(), config.watermark());
        List<StreamingQuery> queries = new ArrayList<>();
        for (Sink sink : config.sinks()) {
            DataStreamWriter<Row> writer = switch (sink) {
                case CONSOLE -> consoleWriter(counts).outputMode(OutputMode.Update());
                case KAFKA -> kafkaWriter(counts).outputMode(OutputMode.Update());
                case FILES -> filesWriter(counts).outputMode(OutputMode.Append());
            };
            queries.add(startQuery(writer, sink.queryName()));
        }
        if (config.rejectsDir() != null) {
            queries.add(startQuery(rejectsWriter(parsed), "rejects"));
        }
        return queries;
    }

    private StreamingQuery startQuery(DataStreamWriter<Row> writer, String name) throws TimeoutException {
        return writer
                .queryName(name)
                .option("checkpointLocation", checkpointRoot.resolve(name).toString())
                .trigger(config.bounded() ? Trigger.AvailableNow() : Trigger.ProcessingTime(config.trigger().toMillis()))
                .start();
    }

    /**
     * Final windows only: in append mode Spark emits a window once the watermark has passed its
     * end, and its file sink commits each batch's files atomically in _spark_metadata, so a
     * restart from the checkpoint writes no window twice (read the folder with Spark to honour that log).
     */
    private DataStreamWriter<Row> filesWriter(Dataset<Row> counts) {
        String format = config.outputFormat().name().toLowerCase(java.util.Locale.ROOT);
        return counts.writeStream().format(format)
                .option("path", config.outputDir().toString())
                .option("timestampFormat", CallRecordFormat.TIMESTAMP_PATTERN);
    }

    /** Every message that is not a valid call, with where it came from and why. */
    private DataStreamWriter<Row> rejectsWriter(Dataset<Row> parsed) {
        return parsed.filter(col(CallParsing.REJECT_REASON).isNotNull())
                .select(col("topic"), col("partition"), col("offset"), col(CallParsing.REJECT_REASON).as("reason"),
                        col("raw_value"))
                .writeStream().format("json")
                .option("path", config.rejectsDir().toString())
                .outputMode(OutputMode.Append());
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
                batch.orderBy(desc(WindowedCounts.COUNT), asc(WindowedCounts.WINDOW_START), asc(WindowedCounts.CRIME_TYPE))
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
                concat_ws("|", date_format(col(WindowedCounts.WINDOW_START), pattern), coalesce(col(WindowedCounts.CRIME_TYPE), lit("")),
                        coalesce(col(WindowedCounts.DISPOSITION), lit(""))).as("key"),
                to_json(struct(
                        date_format(col(WindowedCounts.WINDOW_START), pattern).as(WindowedCounts.WINDOW_START),
                        date_format(col(WindowedCounts.WINDOW_END), pattern).as(WindowedCounts.WINDOW_END),
                        col(WindowedCounts.CRIME_TYPE), col(WindowedCounts.DISPOSITION), col(WindowedCounts.DESCRIPTION),
                        col(WindowedCounts.COUNT))).as("value"));
        return messages.writeStream().format("kafka")
                .option("kafka.bootstrap.servers", config.bootstrapServers())
                .option("topic", config.outputTopic())
                .options(config.kafkaOptions());
    }
}
