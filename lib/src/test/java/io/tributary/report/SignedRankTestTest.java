package io.tributary.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.tributary.TestResources;
import java.util.stream.StreamSupport;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/**
 * The paired tests against scipy 1.17's p values in report/paired_tests.json, written by
 * lib/src/test/python/make_paired_test_cases.py (ties and zero differences among the cases).
 */
class SignedRankTestTest {

    @Test
    void pValuesAgreeWithScipy() {
        JsonObject fixture = TestResources.json("report/paired_tests.json").getAsJsonObject();
        for (JsonElement element : fixture.getAsJsonArray("cases")) {
            JsonObject c = element.getAsJsonObject();
            String name = c.get("name").getAsString();
            double[] x = doubles(c, "x");
            double[] y = doubles(c, "y");
            double wilcoxon = SignedRankTest.pValue(x, y);
            if (name.equals("all_zero")) {
                // no difference is left: the table leaves p empty where scipy says 1.0
                assertEquals(1.0, c.get("p_wilcoxon").getAsDouble());
                assertTrue(Double.isNaN(wilcoxon));
                assertTrue(c.get("p_t").isJsonNull());
                assertTrue(Double.isNaN(new TTest().pairedTTest(x, y)), name);
                continue;
            }
            assertEquals(c.get("p_wilcoxon").getAsDouble(), wilcoxon, 1e-12, name);
            assertEquals(c.get("p_t").getAsDouble(), new TTest().pairedTTest(x, y), 1e-12, name);
        }
    }

    @Test
    void tiesShareTheAverageRank() {
        assertArrayEquals(
                new double[] {2.5, 1, 2.5, 4},
                SignedRankTest.averageRanks(new double[] {0.2, 0.1, 0.2, 0.3}));
    }

    @Test
    void subsetSumsCountEverySubsetOnce() {
        // subsets of {1, 2, 3} by sum: {} | {1} | {2} | {3}, {1,2} | {1,3} | {2,3} | {1,2,3}
        assertArrayEquals(new double[] {1, 1, 1, 2, 1, 1, 1}, SignedRankTest.subsetSums(3));
    }

    private static double[] doubles(JsonObject c, String key) {
        return StreamSupport.stream(c.getAsJsonArray(key).spliterator(), false)
                .mapToDouble(JsonElement::getAsDouble)
                .toArray();
    }
}
