package org.sfcrime.bench.tuning;

import org.sfcrime.bench.BenchFailure;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The study's PNG charts, drawn with XChart from the CSV files (so that {@code --charts-only}
 * redraws them from a finished study): throughput per setting, and latency percentiles per
 * trigger interval.
 */
final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;
    private static final Color MEDIAN = new Color(70, 120, 180);
    private static final Color RUN = new Color(200, 80, 40);
    private static final List<Color> PERCENTILES = List.of(new Color(90, 160, 90), new Color(230, 160, 40), new Color(200, 60, 50));

    private Charts() {
    }

    /** Draws every chart whose CSV exists in the folder; returns the files written. */
    static List<Path> drawAll(Path dir, ShippedDefaults shipped) {
        List<Path> written = new ArrayList<>();
        if (Files.exists(dir.resolve(GridStudy.SUMMARY_CSV)) && Files.exists(dir.resolve(GridStudy.RUNS_CSV))) {
            written.addAll(grid(dir, Csv.read(dir.resolve(GridStudy.SUMMARY_CSV)), Csv.read(dir.resolve(GridStudy.RUNS_CSV)), shipped));
        }
        if (Files.exists(dir.resolve(LiveStudy.SUMMARY_CSV))) {
            written.addAll(live(dir, Csv.read(dir.resolve(LiveStudy.SUMMARY_CSV))));
        }
        return written;
    }

    private static List<Path> grid(Path dir, List<Map<String, String>> summary, List<Map<String, String>> runs, ShippedDefaults shipped) {
        List<Path> written = new ArrayList<>();
        Map<String, String> shippedRow = summary.stream().filter(row -> row.get("point").equals(GridPoint.SHIPPED)).findFirst().orElse(null);
        for (String factor : GridPlan.FACTORS) {
            List<Map<String, String>> rows = summary.stream().filter(row -> row.get("factor").equals(factor)).toList();
            if (rows.isEmpty()) {
                continue;
            }
            List<String> labels = new ArrayList<>();
            List<String> points = new ArrayList<>();
            List<Double> orders = new ArrayList<>();
            if (shippedRow != null) {
                String level = GridPlan.shippedLevel(factor, shipped);
                labels.add(level + " (shipped)");
                points.add(GridPoint.SHIPPED);
                orders.add(GridPlan.levelOrder(factor, level));
            }
            for (Map<String, String> row : rows) {
                labels.add(row.get("level"));
                points.add(row.get("point"));
                orders.add(GridPlan.levelOrder(factor, row.get("level")));
            }
            List<Integer> index = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                index.add(i);
            }
            index.sort(Comparator.comparingDouble(orders::get));
            List<String> sortedLabels = index.stream().map(labels::get).toList();
            List<String> sortedPoints = index.stream().map(points::get).toList();
            Path file = dir.resolve("throughput-" + factor + ".png");
            throughputChart("Throughput vs " + title(factor) + " (bounded drain of the loaded set, others at shipped values)",
                    title(factor), sortedLabels, sortedPoints, summary, runs, file);
            written.add(file);
        }
        // every point, best first, with Spark's plain defaults among them
        List<Map<String, String>> ranked = summary.stream().filter(row -> !row.get("rows_per_s_median").isEmpty())
                .sorted(Comparator.comparingDouble((Map<String, String> row) -> Double.parseDouble(row.get("rows_per_s_median"))).reversed())
                .toList();
        if (!ranked.isEmpty()) {
            Path file = dir.resolve("throughput-overview.png");
            throughputChart("Throughput of every grid point (median of repeats; dots: each run)", "grid point",
                    ranked.stream().map(row -> row.get("point")).toList(), ranked.stream().map(row -> row.get("point")).toList(),
                    summary, runs, file);
            written.add(file);
            Path wall = dir.resolve("walltime-overview.png");
            wallChart(ranked, runs, wall);
            written.add(wall);
        }
        return written;
    }

    private static void throughputChart(String title, String xTitle, List<String> labels, List<String> points,
                                        List<Map<String, String>> summary, List<Map<String, String>> runs, Path file) {
        CategoryChart chart = chart(title, xTitle, "records/s (input rows / batch processing time)");
        List<Double> medians = points.stream().map(point -> value(summary, point, "rows_per_s_median")).toList();
        chart.addSeries("median", labels, medians).setFillColor(MEDIAN);
        addRunDots(chart, labels, points, runs, "rows_per_s");
        save(chart, file);
    }

    private static void wallChart(List<Map<String, String>> ranked, List<Map<String, String>> runs, Path file) {
        List<String> points = ranked.stream().map(row -> row.get("point")).toList();
        CategoryChart chart = chart("Wall time of spark-submit per grid point, JVM and Spark start-up included (median; dots: each run)",
                "grid point", "seconds");
        chart.addSeries("median", points, ranked.stream().map(row -> parse(row.get("wall_s_median"))).toList()).setFillColor(MEDIAN);
        addRunDots(chart, points, points, runs, "wall_s");
        save(chart, file);
    }

    /** One scatter series per repetition, drawn over the median bars. */
    private static void addRunDots(CategoryChart chart, List<String> labels, List<String> points, List<Map<String, String>> runs,
                                   String column) {
        int repeats = runs.stream().mapToInt(row -> Integer.parseInt(row.get("repeat"))).max().orElse(0);
        for (int repeat = 1; repeat <= repeats; repeat++) {
            final int r = repeat;
            List<Double> values = new ArrayList<>();
            for (String point : points) {
                values.add(runs.stream().filter(row -> row.get("point").equals(point) && Integer.parseInt(row.get("repeat")) == r
                                && row.get("error").isEmpty())
                        .map(row -> parse(row.get(column))).findFirst().orElse(Double.NaN));
            }
            if (values.stream().allMatch(v -> v.isNaN())) {
                continue;
            }
            CategorySeries series = chart.addSeries("run " + repeat, labels, values);
            series.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(RUN);
            series.setShowInLegend(repeat == 1);
            if (repeat == 1) {
                series.setLabel("each run");
            }
        }
    }

    private static List<Path> live(Path dir, List<Map<String, String>> summary) {
        List<Path> written = new ArrayList<>();
        List<String> rates = summary.stream().map(row -> row.get("rate_per_s")).distinct().toList();
        for (String rate : rates) {
            List<Map<String, String>> rows = summary.stream().filter(row -> row.get("rate_per_s").equals(rate))
                    .sorted(Comparator.comparingInt(row -> Integer.parseInt(row.get("trigger_s")))).toList();
            List<String> triggers = rows.stream().map(row -> row.get("trigger_s") + " s").toList();
            CategoryChart chart = chart(String.format(Locale.ROOT, "End-to-end latency at %s records/s vs trigger interval", rate),
                    "processing-time trigger (--trigger)", "latency, ms (input timestamp to output received)");
            List<String> columns = List.of("p50_ms", "p95_ms", "p99_ms");
            for (int i = 0; i < columns.size(); i++) {
                String column = columns.get(i);
                chart.addSeries(column.replace("_ms", ""), triggers, rows.stream().map(row -> parse(row.get(column))).toList())
                        .setFillColor(PERCENTILES.get(i));
            }
            chart.getStyler().setOverlapped(false);
            Path file = dir.resolve("latency-" + rate + "-per-s.png");
            save(chart, file);
            written.add(file);
        }
        return written;
    }

    private static CategoryChart chart(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(14f));
        return chart;
    }

    private static void save(CategoryChart chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new BenchFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static double value(List<Map<String, String>> summary, String point, String column) {
        return summary.stream().filter(row -> row.get("point").equals(point)).findFirst().map(row -> parse(row.get(column)))
                .orElse(Double.NaN);
    }

    private static double parse(String text) {
        return text == null || text.isEmpty() ? Double.NaN : Double.parseDouble(text);
    }

    private static String title(String factor) {
        return switch (factor) {
            case GridPlan.SHUFFLE_PARTITIONS -> "spark.sql.shuffle.partitions";
            case GridPlan.MAX_OFFSETS -> "maxOffsetsPerTrigger";
            case GridPlan.MASTER -> "master (local cores)";
            case GridPlan.DEFAULT_PARALLELISM -> "spark.default.parallelism";
            case GridPlan.STATE_STORE -> "state store provider";
            default -> factor;
        };
    }
}
