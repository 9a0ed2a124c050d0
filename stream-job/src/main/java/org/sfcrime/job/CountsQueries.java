package org.sfcrime.job;

import static org.apache.spark.sql.functions.asc;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.desc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.sfcrime.record.CallRecordFormat;

/**
 * Starts the job's streaming queries: the calls read from Kafka and parsed, their windowed counts,
 * one query per sink on those, and one for the rejected messages when they are written. Each
 * query has its own checkpoint folder, named as the query.
 */
public final class CountsQueries {

    private final Sinks sinks;
    private final Trigger trigger;
    private final CheckpointRoot checkpoints;

    CountsQueries(Sinks sinks, Triggering triggering, CheckpointRoot checkpoints) {
        this.sinks = sinks;
        this.trigger = triggering.toSpark();
        this.checkpoints = checkpoints;
    }

    /**
     * Builds the job's Datasets from the source and starts every query, without waiting for any.
     *
     * @param counts false when only the rejects are wanted (the counts do not run)
     */
    public List<StreamingQuery> start(SparkSession spark, CallSource source, RadioCodes codes, Windowing windowing,
                                      boolean counts) throws TimeoutException {
        // Source: the topic's messages parsed into calls, rejected ones included and counted per batch.
        Dataset<Row> parsedCalls = CallParsing.observed(CallParsing.parse(source.read(spark)));
        // Transform: the valid calls joined with the radio codes and counted per window.
        Dataset<Row> windowedCounts = WindowedCounts.windowedCounts(CallParsing.valid(parsedCalls), codes.toDataset(spark), windowing);
        // Sinks: one query each, all started before any is awaited.
        List<StreamingQuery> queries = new ArrayList<>();
        for (Sink sink : counts ? sinks.enabled() : Set.<Sink>of()) {
            DataStreamWriter<Row> writer = switch (sink) {
                case CONSOLE -> consoleWriter(windowedCounts).outputMode(OutputMode.Update());
                case KAFKA -> kafkaWriter(windowedCounts, source).outputMode(OutputMode.Update());
                case FILES -> filesWriter(windowedCounts).outputMode(OutputMode.Append());
            };
            queries.add(start(writer, sink.queryName()));
        }
        if (sinks.rejectsDir() != null) {
            queries.add(start(rejectsWriter(parsedCalls), "rejects"));
        }
        return queries;
    }

    private StreamingQuery start(DataStreamWriter<Row> writer, String name) throws TimeoutException {
        return writer
                .queryName(name)
                .option("checkpointLocation", checkpoints.of(name))
                .trigger(trigger)
                .start();
    }

    /**
     * Final windows only: in append mode Spark emits a window once the watermark has passed its
     * end, and its file sink commits each batch's files atomically in _spark_metadata, so a
     * restart from the checkpoint writes no window twice (read the folder with Spark to honour that log).
     */
    private DataStreamWriter<Row> filesWriter(Dataset<Row> counts) {
        return counts.writeStream().format(sinks.outputFormat().toString())
                .option("path", sinks.outputDir())
                .option("timestampFormat", CallRecordFormat.TIMESTAMP_PATTERN);
    }

    /** Every message that is not a valid call, with where it came from and why. */
    private DataStreamWriter<Row> rejectsWriter(Dataset<Row> parsedCalls) {
        return parsedCalls.filter(col(CallParsing.REJECT_REASON).isNotNull())
                .select(col("topic"), col("partition"), col("offset"), col(CallParsing.REJECT_REASON).as("reason"),
                        col("raw_value"))
                .writeStream().format("json")
                .option("path", sinks.rejectsDir())
                .outputMode(OutputMode.Append());
    }

    /**
     * Each batch's changed windows, largest counts first, under a header line; the batch is cached
     * because it is read twice. show() prints to Scala's Console.out (stdout), so the header does too.
     */
    private DataStreamWriter<Row> consoleWriter(Dataset<Row> counts) {
        int rows = sinks.consoleRows();
        return counts.writeStream().foreachBatch((VoidFunction2<Dataset<Row>, Long>) (batch, batchId) -> {
            batch.persist();
            try {
                long changed = batch.count();
                if (changed == 0) {
                    return;
                }
                PrintStream out = scala.Console.out();
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
    private DataStreamWriter<Row> kafkaWriter(Dataset<Row> counts, CallSource source) {
        String pattern = CallRecordFormat.TIMESTAMP_PATTERN;
        Dataset<Row> messages = counts.select(
                concat_ws("|", date_format(col(WindowedCounts.WINDOW_START), pattern), coalesce(col(WindowedCounts.CRIME_TYPE), lit("")),
                        coalesce(col(WindowedCounts.DISPOSITION), lit(""))).as("key"),
                to_json(struct(
                        date_format(col(WindowedCounts.WINDOW_START), pattern).as(WindowedCounts.WINDOW_START),
                        date_format(col(WindowedCounts.WINDOW_END), pattern).as(WindowedCounts.WINDOW_END),
                        col(WindowedCounts.CRIME_TYPE), col(WindowedCounts.DISPOSITION), col(WindowedCounts.DESCRIPTION),
                        col(WindowedCounts.COUNT))).as("value"));
        return source.writeTo(messages, sinks.outputTopic());
    }
}
