package io.tributary.data.sdk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SDK's standard train/valid/test folds: lists of video ids. The SDK publishes them as {@code
 * standard_train_fold}, {@code standard_valid_fold} and {@code standard_test_fold}, e.g. in {@code
 * mmsdk/mmdatasdk/dataset/standard_datasets/CMU_MOSI/cmu_mosi_std_folds.py}; the caller passes the
 * lists. A segment {@code <video>[k]} goes to the fold that lists its video.
 *
 * @param train the training videos
 * @param valid the validation videos
 * @param test the test videos
 */
public record StandardFolds(List<String> train, List<String> valid, List<String> test) {

    /**
     * @throws IllegalArgumentException if a video is listed in two folds
     */
    public StandardFolds {
        train = List.copyOf(train);
        valid = List.copyOf(valid);
        test = List.copyOf(test);
        Map<String, String> foldOf = new HashMap<>();
        for (Map.Entry<String, List<String>> fold :
                List.of(
                        Map.entry("train", train),
                        Map.entry("valid", valid),
                        Map.entry("test", test))) {
            for (String video : fold.getValue()) {
                String before = foldOf.putIfAbsent(video, fold.getKey());
                if (before != null && !before.equals(fold.getKey())) {
                    throw new IllegalArgumentException(
                            "video '"
                                    + video
                                    + "' expected in one fold, found in "
                                    + before
                                    + " and "
                                    + fold.getKey());
                }
            }
        }
    }

    /** Splits segments by their video's fold, keeping their order within each fold. */
    public Split split(List<AlignedSegment> segments) {
        Set<String> trainSet = Set.copyOf(train);
        Set<String> validSet = Set.copyOf(valid);
        Set<String> testSet = Set.copyOf(test);
        List<AlignedSegment> trainSegments = new ArrayList<>();
        List<AlignedSegment> validSegments = new ArrayList<>();
        List<AlignedSegment> testSegments = new ArrayList<>();
        Set<String> unassigned = new LinkedHashSet<>();
        for (AlignedSegment segment : segments) {
            String video = segment.video();
            if (trainSet.contains(video)) {
                trainSegments.add(segment);
            } else if (validSet.contains(video)) {
                validSegments.add(segment);
            } else if (testSet.contains(video)) {
                testSegments.add(segment);
            } else {
                unassigned.add(video);
            }
        }
        return new Split(trainSegments, validSegments, testSegments, List.copyOf(unassigned));
    }

    /**
     * Segments by fold.
     *
     * @param train the segments of training videos
     * @param valid the segments of validation videos
     * @param test the segments of test videos
     * @param unassignedVideos videos of segments that no fold lists, left out
     */
    public record Split(
            List<AlignedSegment> train,
            List<AlignedSegment> valid,
            List<AlignedSegment> test,
            List<String> unassignedVideos) {

        public Split {
            train = List.copyOf(train);
            valid = List.copyOf(valid);
            test = List.copyOf(test);
            unassignedVideos = List.copyOf(unassignedVideos);
        }
    }
}
