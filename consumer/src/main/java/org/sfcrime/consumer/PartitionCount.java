package org.sfcrime.consumer;

/**
 * What the verifier read from one partition.
 *
 * @param partition   partition number
 * @param startOffset log start offset when reading began
 * @param endOffset   end offset taken at start: the verifier reads up to it, not beyond
 * @param messages    messages read (less than end - start when offsets hold transaction markers)
 */
public record PartitionCount(int partition, long startOffset, long endOffset, long messages) {
}
