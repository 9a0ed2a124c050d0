package org.sfcrime.consumer;

/**
 * One example of a {@link Discrepancy}: where it is (a partition and offset in the topic, or an
 * index in the file) and what it is. Absent parts are null.
 *
 * @param partition topic partition, or null for a file-side example
 * @param offset    offset in that partition, or null
 * @param fileIndex 0-based index of the record in the file, or null
 * @param crimeId   the call's crime_id, or null when the message has none
 * @param detail    what is wrong, in a few words, or null
 */
public record Example(Integer partition, Long offset, Long fileIndex, String crimeId, String detail) {

    static Example inTopic(int partition, long offset, String crimeId, String detail) {
        return new Example(partition, offset, null, crimeId, detail);
    }

    static Example inFile(long fileIndex, String crimeId, String detail) {
        return new Example(null, null, fileIndex, crimeId, detail);
    }

    /** "partition 0 offset 17" or "file index 3". */
    public String location() {
        return partition != null ? "partition " + partition + " offset " + offset : "file index " + fileIndex;
    }
}
