package org.sfcrime.consumer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of verify mode: the calls file against what the topic holds, compared as multisets
 * of records. Invariants: {@code expected = delivered + missing} and
 * {@code consumed = delivered + duplicated + unexpected + unparseable}; wrong key and out of order
 * are counted on top of those.
 *
 * @param topic         the topic read
 * @param file          the calls file
 * @param orderChecked  whether {@link Discrepancy#OUT_OF_ORDER} was checked
 * @param totals        the record counts
 * @param partitions    what was read from each partition
 * @param discrepancies every kind of {@link Discrepancy}, found or not
 */
public record DeliveryReport(String topic, String file, boolean orderChecked, Totals totals,
                             List<PartitionCount> partitions, Map<Discrepancy, Findings> discrepancies) {

    /**
     * @param expected  valid records in the file, copies included
     * @param consumed  messages read from the topic
     * @param delivered expected records found in the topic, each copy counted once
     * @param elapsedMs wall time of the topic read, milliseconds
     */
    public record Totals(long expected, long consumed, long delivered, long elapsedMs) {
    }

    public DeliveryReport {
        partitions = List.copyOf(partitions);
        discrepancies = Collections.unmodifiableMap(new EnumMap<>(discrepancies));
    }

    public long count(Discrepancy discrepancy) {
        Findings findings = discrepancies.get(discrepancy);
        return findings == null ? 0 : findings.count();
    }

    /** True when the topic holds exactly the file's valid records: the only success of verify mode. */
    public boolean exact() {
        for (Discrepancy discrepancy : Discrepancy.values()) {
            if (discrepancy.breaksDelivery() && count(discrepancy) > 0) {
                return false;
            }
        }
        return true;
    }
}
