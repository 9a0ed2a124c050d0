package org.sfcrime.consumer;

import java.util.List;

/**
 * What console mode prints for each message, and how.
 *
 * @param format          how the value is written
 * @param fields          the record fields of the {@link OutputFormat#TABLE} columns, in order
 * @param printKey        add the message key
 * @param printPartition  add the partition number
 * @param printOffset     add the offset
 * @param printTimestamp  add the message timestamp (type and epoch milliseconds, as upstream)
 */
public record MessageLayout(OutputFormat format, List<String> fields, boolean printKey, boolean printPartition,
                            boolean printOffset, boolean printTimestamp) {

    public MessageLayout {
        fields = List.copyOf(fields);
    }
}
