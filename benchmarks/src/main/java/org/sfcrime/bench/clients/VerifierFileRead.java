package org.sfcrime.bench.clients;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long our verifier spent reading and parsing the expected file before it touched the topic,
 * from its stderr line {@code Read 200000 valid records from FILE (0 invalid, skipped) in 1.9 s}.
 */
final class VerifierFileRead {

    private static final Pattern LINE = Pattern.compile("(?m)^Read \\d+ valid records from .* in ([\\d.]+) s$");

    private VerifierFileRead() {
    }

    /** Seconds (to 0.1 s, as printed), or NaN when the line is missing. */
    static double seconds(String stderr) {
        Matcher matcher = LINE.matcher(stderr);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }
}
