package io.tributary.report;

import com.google.gson.annotations.SerializedName;
import io.tributary.core.AtomicFiles;
import io.tributary.core.InputException;
import io.tributary.core.Json;
import java.nio.file.Path;

/**
 * The record of a grid cell that has no {@code result.json}, {@code CELL/cell.json}: which row,
 * seed and dataset it stands for, and why it has no result. A table shows a missing cell as a
 * missing seed and a diverged one as diverged; neither counts in n.
 *
 * @param row the table row of the cell
 * @param seed the cell's seed
 * @param dataset the dataset's label, as the table names it ({@code aligned_50.pkl}, {@code
 *     synthetic})
 * @param status why there is no result
 * @param reason one line saying what happened
 */
public record CellStatus(String row, long seed, String dataset, Status status, String reason) {

    /** Why a cell has no result. */
    public enum Status {
        /** Its data file or BERT folder is absent: it was not run. */
        @SerializedName("missing")
        MISSING,
        /** The run ended with exit code 3: no epoch had a finite validation loss. */
        @SerializedName("diverged")
        DIVERGED
    }

    public static final String FILE = "cell.json";

    /** Writes {@code cell/cell.json} atomically. */
    public void write(Path cell) {
        AtomicFiles.writeString(cell.resolve(FILE), Json.pretty().toJson(this) + "\n");
    }

    /** Reads {@code cell/cell.json}; a missing key is an {@link InputException} naming it. */
    public static CellStatus read(Path cell) {
        Path file = cell.resolve(FILE);
        CellStatus status = Json.read(file, CellStatus.class);
        if (status.row() == null || status.dataset() == null || status.status() == null) {
            throw new InputException(
                    file
                            + ": expected keys 'row', 'seed', 'dataset' and 'status', found "
                            + status);
        }
        return status;
    }
}
