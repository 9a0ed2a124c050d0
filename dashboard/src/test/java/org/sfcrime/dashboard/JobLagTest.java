package org.sfcrime.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class JobLagTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void lagIsTheTopicsEndsMinusTheBatchsEndsSummedOverPartitions() throws Exception {
        Map<TopicPartition, Long> ends = Map.of(new TopicPartition("calls", 0), 120L, new TopicPartition("calls", 1), 90L,
                new TopicPartition("calls", 2), 50L);

        assertEquals(OptionalLong.of(20 + 0 + 5),
                JobLag.of(JSON.readTree("{\"calls\":{\"0\":100,\"1\":90,\"2\":45}}"), ends));
    }

    @Test
    void anEndBehindTheBatchCountsAsNoLagAndAnUnknownPartitionAsNoAnswer() throws Exception {
        // the end was read before the batch's progress arrived
        assertEquals(OptionalLong.of(0), JobLag.of(JSON.readTree("{\"calls\":{\"0\":130}}"), Map.of(new TopicPartition("calls", 0), 120L)));
        assertEquals(OptionalLong.empty(), JobLag.of(JSON.readTree("{\"calls\":{\"3\":1}}"), Map.of(new TopicPartition("calls", 0), 120L)));
    }
}
