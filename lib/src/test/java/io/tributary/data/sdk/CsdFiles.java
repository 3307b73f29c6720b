package io.tributary.data.sdk;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.nio.file.Path;
import java.util.Map;

/** Writes small computational sequences with jHDF, for tests that need a particular layout. */
final class CsdFiles {

    private CsdFiles() {}

    /**
     * One video's rows.
     *
     * @param intervals (n, 2) start and end in seconds
     * @param features (n, d) float[][] or (n, 1) String[][]
     */
    record Rows(double[][] intervals, Object features) {}

    /** Writes {@code /<root>/data/<video>/{intervals, features}} and a root-name metadata key. */
    static Path write(Path file, String root, Map<String, Rows> videos) {
        try (WritableHdfFile hdf = HdfFile.write(file)) {
            WritableGroup group = hdf.putGroup(root);
            group.putGroup("metadata").putDataset("root name", new String[] {root});
            WritableGroup data = group.putGroup("data");
            videos.forEach(
                    (video, rows) -> {
                        WritableGroup videoGroup = data.putGroup(video);
                        videoGroup.putDataset("intervals", rows.intervals());
                        videoGroup.putDataset("features", rows.features());
                    });
        }
        return file;
    }
}
