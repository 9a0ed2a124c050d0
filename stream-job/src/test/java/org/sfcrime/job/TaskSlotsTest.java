package org.sfcrime.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.OptionalInt;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.sfcrime.cli.CommandFailure;

/** The task slots a master gives, and the one-line refusal when real-time mode would wait for a slot forever. */
class TaskSlotsTest {

    @Test
    void localMastersGiveTheirCoresDividedByTaskCpus() {
        assertEquals(OptionalInt.of(1), TaskSlots.configured(conf("local")));
        assertEquals(OptionalInt.of(5), TaskSlots.configured(conf("local[5]")));
        assertEquals(OptionalInt.of(4), TaskSlots.configured(conf("local[4,2]")));
        assertEquals(OptionalInt.of(Runtime.getRuntime().availableProcessors()), TaskSlots.configured(conf("local[*]")));
        assertEquals(OptionalInt.of(2), TaskSlots.configured(conf("local[4]").set("spark.task.cpus", "2")));
    }

    @Test
    void clusterMastersGiveTheirConfiguredCoresOrNothingToCountBeforeExecutorsRegister() {
        assertEquals(OptionalInt.of(6), TaskSlots.configured(conf("spark://127.0.0.1:7077").set("spark.cores.max", "6")));
        assertEquals(OptionalInt.of(8), TaskSlots.configured(conf("yarn")
                .set("spark.executor.instances", "2").set("spark.executor.cores", "4")));
        assertEquals(OptionalInt.empty(), TaskSlots.configured(conf("spark://127.0.0.1:7077")));
    }

    @Test
    void tooFewSlotsIsOneLineSayingWhatToUse() {
        CommandFailure failure = assertThrows(CommandFailure.class,
                () -> new TaskSlots(3, 1, "the rejects").requireConfigured(conf("local[3]")));
        assertEquals("the enriched feed in real-time mode holds one task per Kafka partition: 3 partitions + 1 for the rejects"
                + " need local[4] or more; got local[3] (or run it with --enriched-trigger micro-batch)", failure.getMessage());

        new TaskSlots(3, 2, "the counts").requireConfigured(conf("local[5]"));
    }

    private static SparkConf conf(String master) {
        return new SparkConf(false).set("spark.master", master);
    }
}
