package org.sfcrime.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams call records out of a file without holding it in memory.
 *
 * <p>Accepts a JSON array (pretty or compact) or newline-delimited JSON objects, either of them
 * optionally gzip-compressed; the format is detected from the content, not the file name. One
 * Jackson streaming parser reads the file, one record per {@link #next()}.
 */
public final class CallFileReader implements Closeable {

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER_BYTES = 1 << 16;
    private static final String NOT_UTF8 = "not UTF-8 (JSON files are exchanged as UTF-8)";

    private final String source;
    private final boolean gzip;
    private final RecordingInputStream recording;
    private final JsonParser parser;
    private final CallRecordParser recordParser;
    private final boolean array;
    /** In NDJSON mode the constructor has already read the first value's start token. */
    private boolean firstValuePending;
    private boolean finished;
    private long nextIndex;

    private CallFileReader(String source, InputStream in) throws IOException {
        this.source = source;
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER_BYTES);
        this.gzip = startsWithGzipMagic(buffered);
        // No buffer over the gzip stream: a BufferedInputStream drops what it read when the next read fails,
        // and the parser reads in blocks anyway.
        this.recording = new RecordingInputStream(gzip ? new GZIPInputStream(buffered, BUFFER_BYTES) : buffered);
        JsonFactory factory = new JsonFactory();
        this.recordParser = new CallRecordParser(factory);
        this.parser = factory.createParser(recording);
        JsonToken first;
        try {
            first = parser.nextToken();
        } catch (IOException e) {
            parser.close();
            throw broken(e);
        }
        if (first == null) {
            finished = true;
            array = false;
        } else if (parser.currentTokenLocation().getByteOffset() < 0) {
            // Jackson decodes UTF-16 and UTF-32 through a Reader, which has no byte offsets to copy records by.
            parser.close();
            throw new MalformedCallFileException(source, 0, 0, NOT_UTF8);
        } else if (first == JsonToken.START_ARRAY) {
            array = true;
        } else if (first == JsonToken.START_OBJECT) {
            array = false;
            firstValuePending = true;
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
     * @throws MalformedCallFileException when the file is not well-formed JSON from here on (or its
     *                                    gzip data breaks off), after every record before the break
     *                                    was returned
     */
    public CallFileEntry next() throws IOException {
        if (finished) {
            return null;
        }
        try {
            JsonToken token = nextValueStart();
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
            CallFileEntry entry;
            try {
                entry = new CallFileEntry(nextIndex, recordParser.parseValue(parser, recording::compactCopy), null);
            } catch (InvalidCallRecordException e) {
                entry = new CallFileEntry(nextIndex, null, e.getMessage());
            }
            nextIndex++;
            recording.release(parser.currentLocation().getByteOffset());
            return entry;
        } catch (IOException e) {
            finished = true;
            throw broken(e);
        }
    }

    private JsonToken nextValueStart() throws IOException {
        if (firstValuePending) {
            firstValuePending = false;
            return parser.currentToken();
        }
        return parser.nextToken();
    }

    /**
     * Where the file broke, as a {@link MalformedCallFileException}: broken JSON, or gzip data that
     * ends early or is corrupt. Any other read failure is passed on as it is.
     */
    private IOException broken(IOException e) {
        if (e instanceof JsonProcessingException json) {
            if (json.getLocation() != null && json.getLocation().getByteOffset() < 0) {
                // Only a Reader has no byte offsets: Jackson took the first bytes for UTF-16 or UTF-32.
                return new MalformedCallFileException(source, nextIndex, 0, NOT_UTF8);
            }
            long offset = json.getLocation() != null ? json.getLocation().getByteOffset() : recording.position();
            return new MalformedCallFileException(source, nextIndex, offset, json.getOriginalMessage());
        }
        if (gzip && (e instanceof EOFException || e instanceof ZipException)) {
            // The data before the break was decompressed and handed to the parser: the break is where it ends.
            return new MalformedCallFileException(source, nextIndex, recording.position(),
                    "the gzip data breaks off (truncated file?): " + e.getMessage());
        }
        return e;
    }

    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2;
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}
