package io.tributary.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableTest {

    private static final String SHA_A = "1a2b3c4d" + "0".repeat(56);
    private static final String SHA_B = "9f8e7d6c" + "0".repeat(56);

    @TempDir Path dir;

    @Test
    void aMissingSeedIsShownAsMissingAndNotCounted() throws IOException {
        Path runs = dir.resolve("runs");
        RunRecords.write(runs.resolve("full-1"), "full", 1, "/d/aligned_50.pkl", SHA_A, 0.8);
        RunRecords.write(runs.resolve("full-2"), "full", 2, "/d/aligned_50.pkl", SHA_A, 0.7);
        RunRecords.write(runs.resolve("full-3"), "full", 3, "/d/aligned_50.pkl", SHA_A, 0.9);
        RunRecords.write(runs.resolve("gate-1"), "no-gate", 1, "/d/aligned_50.pkl", SHA_A, 0.6);
        RunRecords.write(runs.resolve("gate-2"), "no-gate", 2, "/d/aligned_50.pkl", SHA_A, 0.7);
        Path out = dir.resolve("out");
        ResultsTable.read(runs).write(out, "full");
        List<String> csv = Files.readAllLines(out.resolve("table.csv"));
        assertEquals(ResultsTable.CSV_HEADER, csv.get(0));
        // numpy: np.mean([0.8, 0.7, 0.9]) and np.std(..., ddof=1), as Python's repr writes them
        assertEquals(
                "aligned_50.pkl,full,Has0_acc_2,3,0.7999999999999999,0.10000000000000003,,",
                csv.get(1));
        assertTrue(
                csv.get(9).startsWith("aligned_50.pkl,no-gate,Has0_acc_2,2,0.6499999999999999,"),
                csv.get(9));
        String md = Files.readString(out.resolve("table.md"));
        assertTrue(md.contains("| no-gate | 2 | 0.6500 ± 0.0707 |"), md);
        assertTrue(md.contains("seed 3 missing |"), md);
        assertTrue(md.contains("| full | 3 | **0.8000 ± 0.1000** |"), md);
        assertTrue(md.contains("`full-1/result.json` | full | 1 | abc1234 | `" + SHA_A + "`"), md);
        assertTrue(
                Files.readString(out.resolve("table.tex"))
                        .contains("\\textbf{0.8000 $\\pm$ 0.1000}"));
        assertTrue(Files.size(out.resolve("aligned_50.pkl-Has0_acc_2.png")) > 0);
        assertTrue(Files.size(out.resolve("aligned_50.pkl-MAE.png")) > 0);
    }

    @Test
    void maeIsBestWhenLowest() throws IOException {
        Path runs = dir.resolve("runs");
        RunRecords.write(runs.resolve("a"), "full", 1, "x.pkl", SHA_A, 0.8);
        RunRecords.write(runs.resolve("b"), "text-only", 1, "x.pkl", SHA_A, 0.6);
        var summary = ResultsTable.read(runs).summary("full");
        List<String> best =
                summary.where(summary.booleanColumn("best").isTrue()).stream()
                        .map(r -> r.getString("row") + ":" + r.getString("metric"))
                        .filter(s -> s.endsWith(":Has0_acc_2") || s.endsWith(":MAE"))
                        .toList();
        assertEquals(List.of("full:Has0_acc_2", "full:MAE"), best);
    }

    @Test
    void datasetsAreNeverAveragedAndCollidingLabelsGetTheHash() throws IOException {
        Path runs = dir.resolve("runs");
        RunRecords.write(runs.resolve("a1"), "full", 1, "/one/aligned_50.pkl", SHA_A, 0.8);
        RunRecords.write(runs.resolve("b1"), "full", 1, "/two/aligned_50.pkl", SHA_B, 0.2);
        RunRecords.write(runs.resolve("c1"), "full", 1, "synthetic", "c".repeat(64), 0.5);
        ResultsTable table = ResultsTable.read(runs);
        assertEquals(
                List.of("aligned_50.pkl-1a2b3c4d", "aligned_50.pkl-9f8e7d6c", "synthetic"),
                table.datasets().stream().map(DatasetRuns::label).toList());
        table.write(dir.resolve("out"), "full");
        List<String> csv = Files.readAllLines(dir.resolve("out/table.csv"));
        assertEquals(1 + 3 * 8, csv.size());
        assertEquals("aligned_50.pkl-1a2b3c4d,full,Has0_acc_2,1,0.8,,,", csv.get(1));
        assertEquals("aligned_50.pkl-9f8e7d6c,full,Has0_acc_2,1,0.2,,,", csv.get(9));
    }

    @Test
    void aDivergedCellIsShownAndNotCounted() throws IOException {
        Path runs = dir.resolve("runs");
        for (int seed = 1; seed <= 3; seed++) {
            RunRecords.write(
                    runs.resolve("full-" + seed), "full", seed, "x.pkl", SHA_A, 0.7 + seed / 100.0);
        }
        RunRecords.write(runs.resolve("gate-1"), "no-gate", 1, "x.pkl", SHA_A, 0.6);
        RunRecords.write(runs.resolve("gate-2"), "no-gate", 2, "x.pkl", SHA_A, 0.65);
        new CellStatus("no-gate", 3, "x.pkl", CellStatus.Status.DIVERGED, "exit code 3")
                .write(runs.resolve("gate-3"));
        new CellStatus("text-only", 1, "x.pkl", CellStatus.Status.MISSING, "no BERT folder")
                .write(runs.resolve("text-1"));
        // a cell whose run has since written a result is not shown
        new CellStatus("full", 1, "x.pkl", CellStatus.Status.DIVERGED, "an earlier try")
                .write(runs.resolve("full-1"));
        Path out = dir.resolve("out");
        ResultsTable.read(runs).write(out, "full");
        String md = Files.readString(out.resolve("table.md"));
        assertTrue(md.contains("| no-gate | 2 |"), md);
        assertTrue(md.contains("seed 3 diverged |"), md);
        assertTrue(md.contains("| text-only | 0 | - |"), md);
        assertTrue(md.contains("seeds 1, 2, 3 missing |"), md);
        assertTrue(
                md.contains(
                        "| `gate-3/cell.json` | x.pkl | no-gate | 3 | diverged | exit code 3 |"),
                md);
        assertTrue(!md.contains("an earlier try"), md);
        assertTrue(
                Files.readString(out.resolve("table.csv")).contains("x.pkl,text-only,MAE,0,,,,\n"));
    }

    @Test
    void csvBytesDoNotDependOnFolderOrder() throws IOException {
        double[] values = {0.71, 0.74, 0.69, 0.75, 0.73};
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        for (int seed = 0; seed < values.length; seed++) {
            RunRecords.write(first.resolve("a" + seed), "full", seed, "x.pkl", SHA_A, values[seed]);
            RunRecords.write(
                    first.resolve("b" + seed), "other", seed, "x.pkl", SHA_A, values[seed] / 3);
            // the same records, their folders named in the opposite order
            RunRecords.write(
                    second.resolve("z" + (9 - seed)), "full", seed, "x.pkl", SHA_A, values[seed]);
            RunRecords.write(
                    second.resolve("y/" + (9 - seed)),
                    "other",
                    seed,
                    "x.pkl",
                    SHA_A,
                    values[seed] / 3);
        }
        ResultsTable.read(first).write(dir.resolve("out1"), "full");
        ResultsTable.read(second).write(dir.resolve("out2"), "full");
        assertArrayEquals(
                Files.readAllBytes(dir.resolve("out1/table.csv")),
                Files.readAllBytes(dir.resolve("out2/table.csv")));
    }

    @Test
    void pValuesAreEmptyWithoutTheReferenceRow() throws IOException {
        Path runs = dir.resolve("runs");
        RunRecords.write(runs.resolve("a"), "no-gate", 1, "x.pkl", SHA_A, 0.8);
        RunRecords.write(runs.resolve("b"), "no-gate", 2, "x.pkl", SHA_A, 0.6);
        ResultsTable.read(runs).write(dir.resolve("out"), "full");
        assertEquals(
                "x.pkl,no-gate,Has0_acc_2,2,0.7,0.14142135623730953,,",
                Files.readAllLines(dir.resolve("out/table.csv")).get(1));
        assertTrue(Files.readString(dir.resolve("out/table.md")).contains("No `full` row"));
    }

    @Test
    void noRecordsIsAnInputErrorNamingTheFolder() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        InputException e = assertThrows(InputException.class, () -> ResultsTable.read(empty));
        assertTrue(e.getMessage().startsWith(empty.toString()), e.getMessage());
    }

    @Test
    void twoRecordsOfOneSeedAreAnInputError() throws IOException {
        Path runs = dir.resolve("runs");
        RunRecords.write(runs.resolve("a"), "full", 1, "x.pkl", SHA_A, 0.8);
        RunRecords.write(runs.resolve("b"), "full", 1, "x.pkl", SHA_A, 0.7);
        InputException e = assertThrows(InputException.class, () -> ResultsTable.read(runs));
        assertTrue(
                e.getMessage().contains(runs.resolve("b/result.json").toString()), e.getMessage());
    }

    @Test
    void cellStatusReadsBackWhatItWrote() throws IOException {
        CellStatus cell =
                new CellStatus("full", 3, "aligned_50.pkl", CellStatus.Status.MISSING, "no data");
        cell.write(dir);
        assertEquals(cell, CellStatus.read(dir));
        assertTrue(
                Files.readString(dir.resolve(CellStatus.FILE)).contains("\"status\": \"missing\""));
    }
}
