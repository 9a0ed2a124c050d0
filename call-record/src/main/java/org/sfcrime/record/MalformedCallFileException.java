package org.sfcrime.record;

/**
 * The file stopped being JSON: reported with the record index and byte offset where it broke,
 * after every record before it has been handed out.
 */
public class MalformedCallFileException extends java.io.IOException {

    public MalformedCallFileException(String source, long recordIndex, long byteOffset, String detail) {
        super(source + ": malformed JSON at record " + recordIndex + ", byte offset " + byteOffset + ": " + detail);
    }
}
