package org.sfcrime.consumer;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.sfcrime.record.CallRecordFormat;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of console mode, kafka-console-consumer's names; picocli rejects them together with
 * --verify. {@link #readPlan} checks how they combine and converts them once into a {@link ReadPlan}.
 * Their defaults come from consumer.properties.
 */
final class ConsoleOptions {

    @Option(names = "--from-beginning", order = 10,
            description = "Start with the earliest message rather than the latest (with --group: only when "
                    + "the group has no committed offset).")
    private boolean fromBeginning;

    @Option(names = "--partition", paramLabel = "N", order = 11,
            description = "Read only this partition; starts at --offset, else at its end "
                    + "(or its beginning with --from-beginning).")
    private Integer partition;

    @Option(names = "--offset", paramLabel = "earliest|latest|N", order = 12, converter = StartOffsetConverter.class,
            description = "Where --partition starts: 'earliest', 'latest' or a non-negative offset. Needs --partition.")
    private StartOffset offset;

    @Option(names = "--group", paramLabel = "ID", order = 13,
            description = "Consumer group to subscribe with; the offsets of printed messages are committed. "
                    + "Without it all partitions are assigned and nothing is committed.")
    private String group;

    @Option(names = "--max-messages", paramLabel = "N", order = 14,
            description = "Exit after printing N messages. Default: no limit.")
    private Long maxMessages;

    @Option(names = "--format", paramLabel = "FORMAT", order = 15,
            description = "One of ${COMPLETION-CANDIDATES}. raw: each value as it is; pretty: indented JSON; "
                    + "table: a fixed-width table of --fields, header once. Default: ${DEFAULT-VALUE}.")
    private OutputFormat format;

    @Option(names = "--fields", paramLabel = "FIELD,...", hideParamSyntax = true, order = 16, split = ",",
            description = "The record fields of --format table, in order. Default: ${DEFAULT-VALUE}.")
    private List<String> fields;

    @Option(names = "--print-key", order = 17, description = "Also print each message's key.")
    private boolean printKey;

    @Option(names = "--print-partition", order = 18, description = "Also print each message's partition.")
    private boolean printPartition;

    @Option(names = "--print-offset", order = 19, description = "Also print each message's offset.")
    private boolean printOffset;

    @Option(names = "--print-timestamp", order = 20,
            description = "Also print each message's timestamp (type and epoch milliseconds).")
    private boolean printTimestamp;

    /**
     * @param commandLine       the parsed command line, for usage errors
     * @param configuredGroupId group.id of the client settings, or null
     * @param idleTimeoutMs     --timeout-ms, or null to wait until interrupted
     * @throws ParameterException when options do not combine
     */
    ReadPlan readPlan(CommandLine commandLine, String topic, String configuredGroupId, Long idleTimeoutMs) {
        if (partition != null && partition < 0) {
            throw usage(commandLine, "--partition must be 0 or more, got " + partition);
        }
        if (offset != null && partition == null) {
            throw usage(commandLine, "--offset needs --partition (the partition it applies to)");
        }
        if (offset != null && fromBeginning) {
            throw usage(commandLine, "--from-beginning and --offset cannot be used together");
        }
        Optional<String> groupId = groupId(commandLine, configuredGroupId);
        if (groupId.isPresent() && partition != null) {
            throw usage(commandLine, "--group and --partition cannot be used together "
                    + "(a group's partitions are assigned by Kafka)");
        }
        if (maxMessages != null && maxMessages < 1) {
            throw usage(commandLine, "--max-messages must be 1 or more, got " + maxMessages);
        }
        if (commandLine.getParseResult().hasMatchedOption("--fields") && format != OutputFormat.TABLE) {
            throw usage(commandLine, "--fields needs --format table");
        }
        List<String> unknown = fields.stream().filter(field -> !CallRecordFormat.FIELDS.contains(field)).toList();
        if (!unknown.isEmpty() || fields.isEmpty()) {
            throw usage(commandLine, "--fields: unknown field(s) " + unknown + "; valid fields: "
                    + String.join(",", CallRecordFormat.FIELDS));
        }
        StartOffset start = offset != null ? offset : fromBeginning ? StartOffset.EARLIEST : StartOffset.LATEST;
        MessageLayout layout = new MessageLayout(format, format == OutputFormat.TABLE ? fields : List.of(),
                printKey, printPartition, printOffset, printTimestamp);
        return new ReadPlan(topic, partition == null ? OptionalInt.empty() : OptionalInt.of(partition), start,
                groupId, maxMessages == null ? Long.MAX_VALUE : maxMessages,
                idleTimeoutMs == null ? Long.MAX_VALUE : idleTimeoutMs, layout);
    }

    /** With a group, where a group without committed offsets starts: --from-beginning means earliest. */
    boolean fromBeginning() {
        return fromBeginning;
    }

    /** The group: --group, or group.id of the client settings; both given must agree, as upstream. */
    private Optional<String> groupId(CommandLine commandLine, String configured) {
        if (group != null && configured != null && !configured.equals(group)) {
            throw usage(commandLine, "--group '" + group + "' and group.id '" + configured
                    + "' of the client settings differ");
        }
        return Optional.ofNullable(group != null ? group : configured).filter(id -> !id.isBlank());
    }

    private static ParameterException usage(CommandLine commandLine, String message) {
        return new ParameterException(commandLine, message);
    }

    /** Typed at parse time; the error lists the valid values. */
    static final class StartOffsetConverter implements ITypeConverter<StartOffset> {
        @Override
        public StartOffset convert(String value) {
            try {
                return StartOffset.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
