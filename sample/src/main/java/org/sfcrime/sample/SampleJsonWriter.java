package org.sfcrime.sample;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Streams records as JSON, one at a time, so that memory does not grow with the sample.
 * Closing finishes the JSON and flushes, but leaves the underlying stream open: its owner
 * decides (standard output must stay open).
 */
public final class SampleJsonWriter implements Closeable {

    private final JsonGenerator generator;
    private final SampleFormat format;

    public SampleJsonWriter(OutputStream out, SampleFormat format) throws IOException {
        this.format = format;
        this.generator = new JsonFactory().createGenerator(out, JsonEncoding.UTF8);
        generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        if (format == SampleFormat.PRETTY) {
            generator.setPrettyPrinter(pythonStyle());
            generator.writeStartArray();
        } else {
            // Lines are ended explicitly below; Jackson's default root separator is a space.
            generator.setRootValueSeparator(null);
        }
    }

    public void write(Map<String, String> record) throws IOException {
        generator.writeStartObject();
        for (Map.Entry<String, String> field : record.entrySet()) {
            generator.writeStringField(field.getKey(), field.getValue());
        }
        generator.writeEndObject();
        if (format == SampleFormat.NDJSON) {
            generator.writeRaw('\n');
        }
    }

    @Override
    public void close() throws IOException {
        if (format == SampleFormat.PRETTY) {
            generator.writeEndArray();
        }
        generator.close();
    }

    /**
     * The layout of the DataSF export, which is Python's json.dump(indent=4): 4-space indent,
     * "\n" line ends with no trailing space after ",", and ": " with no space before the colon
     * (Jackson's default is " : ").
     */
    private static DefaultPrettyPrinter pythonStyle() {
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER);
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }
}
