package org.sfcrime.job;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.sfcrime.cli.CommandFailure;
import org.sfcrime.record.CallRecordFormat;

/**
 * The radio-code lookup: a JSON array of {"disposition_code": ..., "description": ...}.
 * Read once on the driver, through Hadoop's FileSystem (a local path or a URI such as hdfs://...),
 * so a broken file is reported before any query starts and the executors need no copy.
 */
public final class RadioCodes {

    public static final String CODE = "disposition_code";
    public static final String DESCRIPTION = "description";

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(CODE, DataTypes.StringType, false),
            DataTypes.createStructField(DESCRIPTION, DataTypes.StringType, false)));

    private final Map<String, String> descriptions;

    private RadioCodes(Map<String, String> descriptions) {
        this.descriptions = descriptions;
    }

    /**
     * Reads and validates the lookup.
     *
     * @throws CommandFailure naming the file and the entry when the file cannot be used
     */
    public static RadioCodes read(String file, Configuration hadoop) {
        JsonNode root;
        Path path = new Path(file);
        try (InputStream in = path.getFileSystem(hadoop).open(path)) {
            root = new ObjectMapper().readTree(in);
        } catch (FileNotFoundException e) {
            throw new CommandFailure(file + ": no such radio-code file");
        } catch (IOException e) {
            throw new CommandFailure(file + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isArray()) {
            throw new CommandFailure(file + ": expected a JSON array of {\"" + CODE + "\", \"" + DESCRIPTION + "\"} objects");
        }
        Map<String, String> descriptions = new LinkedHashMap<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            JsonNode code = entry.get(CODE);
            JsonNode description = entry.get(DESCRIPTION);
            if (code == null || !code.isTextual() || code.asText().isEmpty() || description == null || !description.isTextual()) {
                throw new CommandFailure(file + ": entry " + i + " needs string fields \"" + CODE + "\" and \"" + DESCRIPTION + "\"");
            }
            if (descriptions.putIfAbsent(code.asText(), description.asText()) != null) {
                throw new CommandFailure(file + ": entry " + i + " repeats code \"" + code.asText() + "\"");
            }
        }
        return new RadioCodes(descriptions);
    }

    public int size() {
        return descriptions.size();
    }

    /**
     * The calls with the description of their disposition's radio code in column {@code as}. A LEFT
     * join keeps the calls whose code is missing from the lookup (about 10% of the real data),
     * labelled {@link WindowedCounts#UNKNOWN_CODE}; an inner join would drop them silently. The
     * counts and the enriched feed both describe calls this way.
     */
    static Dataset<Row> describe(Dataset<Row> calls, Dataset<Row> radioCodes, String as) {
        return calls.join(broadcast(radioCodes), calls.col(CallRecordFormat.DISPOSITION).equalTo(radioCodes.col(CODE)), "left_outer")
                .select(calls.col("*"), coalesce(radioCodes.col(DESCRIPTION), lit(WindowedCounts.UNKNOWN_CODE)).as(as));
    }

    public Dataset<Row> toDataset(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        descriptions.forEach((code, description) -> rows.add(RowFactory.create(code, description)));
        return spark.createDataFrame(rows, SCHEMA);
    }
}
