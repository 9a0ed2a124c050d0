package org.sfcrime.consumer;

import java.util.List;

/**
 * What console mode prints for each message.
 *
 * @param format          how the value is written
 * @param fields          the record fields of the {@link OutputFormat#TABLE} columns, in order
 * @param printKey        add the message key
 * @param printPartition  add the partition number
 * @param printOffset     add the offset
 * @param printTimestamp  add the message timestamp (type and epoch milliseconds, as upstream)
 */
public record PrintOptions(OutputFormat format, List<String> fields, boolean printKey, boolean printPartition,
                           boolean printOffset, boolean printTimestamp) {

    public PrintOptions {
        fields = List.copyOf(fields);
    }

    /** The value as it is and nothing else: upstream's default. */
    public static PrintOptions raw() {
        return new PrintOptions(OutputFormat.RAW, List.of(), false, false, false, false);
    }
}
