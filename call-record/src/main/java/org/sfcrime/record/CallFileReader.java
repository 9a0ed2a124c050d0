package org.sfcrime.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Streams call records out of a file without holding it in memory.
 *
 * <p>Accepts a JSON array (pretty or compact) or newline-delimited JSON objects, either of them
 * optionally gzip-compressed; the format is detected from the content, not the file name.
 */
public final class CallFileReader implements Closeable {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private final String source;
    private final JsonParser parser;
    private final RecordingInputStream recording;
    private final CallRecordParser recordParser;
    private final boolean array;
    private long nextIndex;
    private boolean finished;

    private CallFileReader(String source, InputStream in) throws IOException {
        this.source = source;
        JsonFactory factory = new JsonFactory();
        this.recordParser = new CallRecordParser(factory);
        this.recording = new RecordingInputStream(decompressIfGzip(in));
        this.parser = factory.createParser(recording);
        JsonToken first;
        try {
            first = parser.nextToken();
        } catch (JsonProcessingException e) {
            throw malformed(e);
        }
        if (first == null) {
            finished = true;
            array = false;
        } else if (parser.currentTokenLocation().getByteOffset() < 0) {
            // Jackson decodes UTF-16 and UTF-32 through a Reader, which has no byte offsets to copy records by.
            parser.close();
            throw new MalformedCallFileException(source, 0, 0, "not UTF-8 (JSON files are exchanged as UTF-8)");
        } else if (first == JsonToken.START_ARRAY) {
            array = true;
        } else if (first == JsonToken.START_OBJECT) {
            array = false;
        } else {
            parser.close();
            throw new MalformedCallFileException(source, 0, parser.currentLocation().getByteOffset(),
                    "expected a JSON array or JSON objects, found " + first);
        }
    }

    /** Opens a file, or standard input when the path is "-". */
    public static CallFileReader open(String pathOrDash) throws IOException {
        if ("-".equals(pathOrDash)) {
            return new CallFileReader("<stdin>", System.in);
        }
        Path path = Path.of(pathOrDash);
        if (!Files.exists(path)) {
            throw new NoSuchFileException(pathOrDash, null, "no such file");
        }
        if (Files.isDirectory(path)) {
            throw new IOException(pathOrDash + ": is a directory, not a calls file");
        }
        return new CallFileReader(pathOrDash, Files.newInputStream(path));
    }

    public static CallFileReader of(String source, InputStream in) throws IOException {
        return new CallFileReader(source, in);
    }

    public String source() {
        return source;
    }

    /**
     * Returns the next record, valid or rejected, or null at the end of the file.
     *
     * @throws MalformedCallFileException when the file is not well-formed JSON from here on
     */
    public CallFileEntry next() throws IOException {
        if (finished) {
            return null;
        }
        try {
            JsonToken token = array ? parser.nextToken() : currentOrNext();
            if (token == null || (array && token == JsonToken.END_ARRAY)) {
                finished = true;
                if (array && token == null) {
                    throw new MalformedCallFileException(source, nextIndex, parser.currentLocation().getByteOffset(),
                            "the array is not closed (truncated file?)");
                }
                if (array && parser.nextToken() != null) {
                    throw new MalformedCallFileException(source, nextIndex, parser.currentLocation().getByteOffset(),
                            "unexpected content after the closing ]");
                }
                return null;
            }
            long index = nextIndex;
            CallFileEntry entry;
            try {
                entry = new CallFileEntry(index, recordParser.parseValue(parser, recording::compactCopy), null);
            } catch (InvalidCallRecordException e) {
                entry = new CallFileEntry(index, null, e.getMessage());
            }
            nextIndex++;
            recording.release(parser.currentLocation().getByteOffset());
            return entry;
        } catch (JsonProcessingException e) {
            finished = true;
            throw malformed(e);
        }
    }

    private boolean firstValuePending = true;

    /** In NDJSON mode the constructor already consumed the first value's start token. */
    private JsonToken currentOrNext() throws IOException {
        if (firstValuePending) {
            firstValuePending = false;
            return parser.currentToken();
        }
        return parser.nextToken();
    }

    private MalformedCallFileException malformed(JsonProcessingException e) {
        long offset = e.getLocation() != null ? e.getLocation().getByteOffset() : parser.currentLocation().getByteOffset();
        return new MalformedCallFileException(source, nextIndex, offset, e.getOriginalMessage());
    }

    private static InputStream decompressIfGzip(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return in;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
