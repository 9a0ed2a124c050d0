package org.sfcrime.record;

/**
 * The file stopped being JSON: reported with the record index and byte offset where it broke,
 * after every record before it has been handed out.
 */
public class MalformedCallFileException extends java.io.IOException {

    private final long recordIndex;
    private final long byteOffset;

    public MalformedCallFileException(String source, long recordIndex, long byteOffset, String detail) {
        super(source + ": malformed JSON at record " + recordIndex + ", byte offset " + byteOffset + ": " + detail);
        this.recordIndex = recordIndex;
        this.byteOffset = byteOffset;
    }

    public long recordIndex() {
        return recordIndex;
    }

    public long byteOffset() {
        return byteOffset;
    }
}
