package org.sfcrime.job;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamWriter;
import org.sfcrime.cli.ClientSettings;

/**
 * Where the calls come from: a Kafka topic read by Spark's Kafka source.
 *
 * @param client               the Kafka client settings of the source and the kafka sink
 * @param startingOffsets      "earliest" or "latest": where a new query starts; a restart resumes from its checkpoint
 * @param maxOffsetsPerTrigger records per micro-batch at most; 0 = no bound
 * @param minPartitions        Spark tasks reading Kafka per batch at least; 0 = one per Kafka partition
 */
public record CallSource(ClientSettings client, String topic, String startingOffsets, long maxOffsetsPerTrigger,
                         int minPartitions) {

    /** The values --starting-offsets takes. */
    static final String EARLIEST = "earliest";
    static final String LATEST = "latest";

    /** Spark's "kafka." prefix before each client setting. */
    static final String SPARK_KAFKA_PREFIX = "kafka.";

    /** The same source without maxOffsetsPerTrigger and minPartitions, which Real-Time Mode rejects. */
    CallSource withoutBatchLimits() {
        return new CallSource(client, topic, startingOffsets, 0, 0);
    }

    /** The topic's messages as Spark's Kafka source gives them: topic, partition, offset, key, value, ... */
    public Dataset<Row> read(SparkSession spark) {
        return spark.readStream().format("kafka").options(readerOptions()).load();
    }

    /**
     * A Kafka sink for messages (key, value) on the topic, connecting as the source does: the job
     * reads and writes with one set of client settings, security ones included.
     */
    public DataStreamWriter<Row> writeTo(Dataset<Row> messages, String outputTopic) {
        return messages.writeStream().format("kafka").options(client.prefixed(SPARK_KAFKA_PREFIX)).option("topic", outputTopic);
    }

    /** The Kafka source's options; the unbounded ones are left out, as Spark's defaults. */
    Map<String, String> readerOptions() {
        Map<String, String> options = new TreeMap<>(client.prefixed(SPARK_KAFKA_PREFIX));
        options.put("subscribe", topic);
        options.put("startingOffsets", startingOffsets);
        options.put("failOnDataLoss", "true");
        if (maxOffsetsPerTrigger > 0) {
            options.put("maxOffsetsPerTrigger", Long.toString(maxOffsetsPerTrigger));
        }
        if (minPartitions > 0) {
            options.put("minPartitions", Integer.toString(minPartitions));
        }
        return options;
    }

    /** One line for the summary printed at start; the client settings other than the servers follow, secrets hidden. */
    String describe() {
        List<String> settings = client.without(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG).describe();
        return topic + " @ " + client.bootstrapServers() + ", starting " + startingOffsets + ", max "
                + (maxOffsetsPerTrigger == 0 ? "unbounded" : maxOffsetsPerTrigger) + " records/batch"
                + (minPartitions == 0 ? "" : ", at least " + minPartitions + " tasks")
                + (settings.isEmpty() ? "" : "; kafka " + String.join(", ", settings));
    }
}
