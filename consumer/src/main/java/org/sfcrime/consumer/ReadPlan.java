package org.sfcrime.consumer;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What console mode reads, where it starts and when it stops; validated, sentinels converted.
 *
 * @param topic         topic to read
 * @param partition     the one partition to read (with {@code startOffset}), or empty for all
 * @param startOffset   where each assigned partition starts; ignored with a group (its committed
 *                      offsets or auto.offset.reset decide)
 * @param groupId       consumer group to subscribe with and commit to, or empty to assign
 *                      partitions and commit nothing
 * @param maxMessages   stop after this many messages; {@link Long#MAX_VALUE} when unbounded
 * @param idleTimeoutMs stop when no message arrives for this long; {@link Long#MAX_VALUE} to wait
 *                      until interrupted
 * @param layout        what to print for each message
 */
public record ReadPlan(String topic, OptionalInt partition, StartOffset startOffset, Optional<String> groupId,
                       long maxMessages, long idleTimeoutMs, MessageLayout layout) {
}
