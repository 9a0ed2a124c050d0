package org.sfcrime.bench.tuning;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sfcrime.bench.BenchFailure;
import org.sfcrime.bench.Csv;

/**
 * The study's PNG charts, drawn with XChart from the CSV files (so that {@code --charts-only}
 * redraws them from a finished study): throughput per setting, and latency percentiles per rate.
 */
final class Charts {

    private static final Color MEDIAN = new Color(70, 120, 180);
    private static final Color RUN = new Color(200, 80, 40);
    private static final List<Color> PERCENTILES = List.of(new Color(90, 160, 90), new Color(230, 160, 40), new Color(200, 60, 50));
    private static final String THROUGHPUT = "records/s (input rows / batch processing time)";
    private static final Map<String, String> TITLES = Map.of(GridPoint.SHUFFLE_PARTITIONS, "spark.sql.shuffle.partitions",
            GridPoint.MAX_OFFSETS, "maxOffsetsPerTrigger", GridPoint.MASTER, "master (local cores)",
            GridPoint.DEFAULT_PARALLELISM, "spark.default.parallelism", GridPoint.STATE_STORE, "state store provider");

    /** A bar of a throughput chart: its label and the grid point whose figures it shows. */
    private record Bar(String label, String point, double order) {
    }

    private Charts() {
    }

    /** Draws every chart whose CSV exists in the folder; returns the files written. */
    static List<Path> drawAll(Path dir, TuningStudy.Shipped shipped) {
        List<Path> written = new ArrayList<>();
        if (Files.exists(dir.resolve(GridStudy.SUMMARY_CSV)) && Files.exists(dir.resolve(GridStudy.RUNS_CSV))) {
            grid(dir, Csv.read(dir.resolve(GridStudy.SUMMARY_CSV)), Csv.read(dir.resolve(GridStudy.RUNS_CSV)), shipped, written);
        }
        if (Files.exists(dir.resolve(LiveStudy.SUMMARY_CSV))) {
            live(dir, Csv.read(dir.resolve(LiveStudy.SUMMARY_CSV)), written);
        }
        return written;
    }

    /** Per factor, its levels with the shipped point among them; then every point, best first. */
    private static void grid(Path dir, List<Map<String, String>> summary, List<Map<String, String>> runs, TuningStudy.Shipped shipped,
                             List<Path> written) {
        for (String factor : GridPoint.FACTORS) {
            List<Bar> bars = new ArrayList<>(summary.stream().filter(row -> row.get("factor").equals(factor))
                    .map(row -> new Bar(row.get("level"), row.get("point"), GridPoint.levelOrder(row.get("level")))).toList());
            if (!bars.isEmpty()) {
                String level = GridPoint.shippedLevel(factor, shipped);
                bars.add(0, new Bar(level + " (shipped)", GridPoint.SHIPPED, GridPoint.levelOrder(level)));
                bars.sort(Comparator.comparingDouble(Bar::order));
                written.add(barsWithRuns(chart("Throughput vs " + TITLES.get(factor) + " (bounded drain of the loaded set, others at shipped values)",
                        TITLES.get(factor), THROUGHPUT), bars, summary, "rows_per_s_median", runs, "rows_per_s", dir.resolve("throughput-" + factor + ".png")));
            }
        }
        List<Bar> ranked = summary.stream().filter(row -> !row.get("rows_per_s_median").isEmpty())
                .map(row -> new Bar(row.get("point"), row.get("point"), -Double.parseDouble(row.get("rows_per_s_median"))))
                .sorted(Comparator.comparingDouble(Bar::order)).toList();
        if (!ranked.isEmpty()) {
            written.add(barsWithRuns(chart("Throughput of every grid point (median of repeats; dots: each run)", "grid point", THROUGHPUT),
                    ranked, summary, "rows_per_s_median", runs, "rows_per_s", dir.resolve("throughput-overview.png")));
            written.add(barsWithRuns(chart("Wall time of spark-submit per grid point, JVM and Spark start-up included (median; dots: each run)",
                    "grid point", "seconds"), ranked, summary, "wall_s_median", runs, "wall_s", dir.resolve("walltime-overview.png")));
        }
    }

    /** The median bars of the summary's column, with one scatter series per repetition of the runs' column over them. */
    private static Path barsWithRuns(CategoryChart chart, List<Bar> bars, List<Map<String, String>> summary, String medianColumn,
                                     List<Map<String, String>> runs, String runColumn, Path file) {
        List<String> labels = bars.stream().map(Bar::label).toList();
        chart.addSeries("median", labels, bars.stream().map(bar -> summary.stream().filter(row -> row.get("point").equals(bar.point()))
                .findFirst().map(row -> parse(row.get(medianColumn))).orElse(Double.NaN)).toList()).setFillColor(MEDIAN);
        int repeats = runs.stream().mapToInt(row -> Integer.parseInt(row.get("repeat"))).max().orElse(0);
        for (int repeat = 1; repeat <= repeats; repeat++) {
            String r = Integer.toString(repeat);
            List<Double> values = bars.stream().map(bar -> runs.stream().filter(row -> row.get("point").equals(bar.point())
                    && row.get("repeat").equals(r) && row.get("error").isEmpty()).map(row -> parse(row.get(runColumn)))
                    .findFirst().orElse(Double.NaN)).toList();
            if (values.stream().anyMatch(value -> !value.isNaN())) {
                CategorySeries series = chart.addSeries("run " + repeat, labels, values);
                series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setMarkerColor(RUN);
                series.setShowInLegend(repeat == 1);
                series.setLabel(repeat == 1 ? "each run" : "run " + repeat);
            }
        }
        return save(chart, file);
    }

    /** Per rate, the p50/p95/p99 of each query and trigger, on a log scale: real time and micro-batches differ 100-fold. */
    private static void live(Path dir, List<Map<String, String>> summary, List<Path> written) {
        for (String rate : summary.stream().map(row -> row.get("rate_per_s")).distinct().toList()) {
            List<Map<String, String>> rows = summary.stream().filter(row -> row.get("rate_per_s").equals(rate)).toList();
            // the first studies measured the counts alone, without a query column
            List<String> labels = rows.stream().map(row -> row.getOrDefault("query", "counts")
                    + (row.getOrDefault("query", "").endsWith("realtime") ? "" : ", trigger " + row.get("trigger_s") + " s")).toList();
            CategoryChart chart = chart("End-to-end latency at " + rate + " records/s", "query",
                    "latency, ms (input timestamp to output received; log scale)");
            List<String> columns = List.of("p50_ms", "p95_ms", "p99_ms");
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                chart.addSeries(column.replace("_ms", ""), labels, rows.stream().map(row -> parse(row.get(column))).toList())
                        .setFillColor(PERCENTILES.get(i));
            }
            chart.getStyler().setOverlapped(false);
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(1.0);
            written.add(save(chart, dir.resolve("latency-" + rate + "-per-s.png")));
        }
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(520).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        CategoryStyler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setOverlapped(true);
        styler.setYAxisMin(0.0);
        styler.setXAxisLabelRotation(30);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setYAxisDecimalPattern("#,###");
        return chart;
    }

    private static Path save(CategoryChart chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
            return file;
        } catch (IOException e) {
            throw new BenchFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static double parse(String text) {
        return text == null || text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }
}
