package org.sfcrime.consumer;

import java.util.List;

/**
 * How many of one {@link Discrepancy} were found, with the first few as examples.
 *
 * @param count    how many in total
 * @param examples at most {@link DiscrepancyLog#MAX_EXAMPLES}, in the order found
 */
public record Findings(long count, List<Example> examples) {

    public Findings {
        examples = List.copyOf(examples);
    }
}
