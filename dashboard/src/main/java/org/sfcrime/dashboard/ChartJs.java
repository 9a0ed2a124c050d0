package org.sfcrime.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of the chart.js WebJar the build packed, whose files live under a folder of that name. */
final class ChartJs {

    static final String VERSION = load();

    private ChartJs() {
    }

    private static String load() {
        try (InputStream in = ChartJs.class.getClassLoader().getResourceAsStream("dashboard/versions.properties")) {
            Properties versions = new Properties();
            versions.load(in);
            return versions.getProperty("chartjs.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
