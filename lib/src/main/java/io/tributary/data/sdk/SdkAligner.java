package io.tributary.data.sdk;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aligns acoustic and visual computational sequences to a label sequence by averaging, as the SDK's
 * {@code align} does with an averaging collapse function.
 *
 * <p>The k-th label interval {@code [a, b)} of a video is segment {@code <video>[k]}. For a frame
 * sequence x_i over {@code [s_i, e_i)}, the frames overlapping {@code [a, b)} and their mean are
 *
 * <pre>
 * O(a, b)    = { i : min(e_i, b) - max(s_i, a) &gt; 0 }      (touching is not overlapping)
 * mean(a, b) = (1 / |O(a, b)|) * sum_{i in O(a, b)} x_i     (the zero vector when O is empty)
 * </pre>
 *
 * A segment's words are the words whose intervals overlap {@code [a, b)}, in order, without the
 * SDK's silence token {@value #SILENCE}; a word straddling two segments belongs to both. At {@link
 * Level#SEGMENT} the acoustic and visual sequences are {@code [mean(a, b)]}; at {@link Level#WORD}
 * they hold {@code mean(s_w, e_w)} for each of the segment's words w (MAG-BERT's word-aligned
 * layout). The label is the first column of the label sequence (the sentiment score; MOSEI's
 * emotion columns follow it). Labelled videos missing from the words, acoustic or visual file are
 * left out and listed in {@link Alignment#skippedVideos()}, as the SDK drops them.
 */
public final class SdkAligner {

    /** The SDK's word for a silence interval; never part of a segment's words. */
    public static final String SILENCE = "sp";

    private static final Logger LOG = LoggerFactory.getLogger(SdkAligner.class);

    /** One averaged frame per segment, or one per word. */
    public enum Level {
        SEGMENT,
        WORD;

        /** {@code segment} or {@code word}, in any case. */
        public static Level of(String name) {
            for (Level level : values()) {
                if (level.name().equalsIgnoreCase(name)) {
                    return level;
                }
            }
            throw new IllegalArgumentException("expected segment or word, found '" + name + "'");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Path words;
    private final Path acoustic;
    private final Path visual;
    private final Path labels;
    private final Level level;

    private SdkAligner(Builder builder) {
        this.words = builder.words;
        this.acoustic = builder.acoustic;
        this.visual = builder.visual;
        this.labels = builder.labels;
        this.level = builder.level;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Opens the four files, checks them and aligns every labelled video, one video in memory at a
     * time.
     *
     * @throws io.tributary.core.InputException if a file is missing or broken
     */
    public Alignment align() {
        try (CsdReader wordReader = CsdReader.open(words);
                CsdReader acousticReader = CsdReader.open(acoustic);
                CsdReader visualReader = CsdReader.open(visual);
                CsdReader labelReader = CsdReader.open(labels)) {
            List<AlignedSegment> segments = new ArrayList<>();
            List<String> videos = new ArrayList<>();
            List<String> skipped = new ArrayList<>();
            int zeroAcoustic = 0;
            int zeroVisual = 0;
            for (String video : labelReader.videoIds()) {
                if (!wordReader.hasVideo(video)
                        || !acousticReader.hasVideo(video)
                        || !visualReader.hasVideo(video)) {
                    skipped.add(video);
                    continue;
                }
                FrameMeans acousticMeans = new FrameMeans(acousticReader.features(video));
                FrameMeans visualMeans = new FrameMeans(visualReader.features(video));
                alignVideo(
                        labelReader.features(video),
                        wordReader.words(video),
                        acousticMeans,
                        visualMeans,
                        segments);
                zeroAcoustic += acousticMeans.empty;
                zeroVisual += visualMeans.empty;
                videos.add(video);
            }
            if (!skipped.isEmpty()) {
                LOG.warn(
                        "{} labelled videos lack words, acoustic or visual frames and are left"
                                + " out: {}",
                        skipped.size(),
                        skipped);
            }
            return new Alignment(level, segments, videos, skipped, zeroAcoustic, zeroVisual);
        }
    }

    private void alignVideo(
            FeatureSequence labelRows,
            WordSequence spoken,
            FrameMeans acousticMeans,
            FrameMeans visualMeans,
            List<AlignedSegment> out) {
        String video = labelRows.video();
        Intervals segments = labelRows.intervals();
        Intervals wordSpans = spoken.intervals();
        for (int k = 0; k < segments.size(); k++) {
            double a = segments.start(k);
            double b = segments.end(k);
            List<Integer> rows = new ArrayList<>();
            for (int row : wordSpans.overlapping(a, b)) {
                if (!SILENCE.equals(spoken.words().get(row))) {
                    rows.add(row);
                }
            }
            float[][] acousticFrames;
            float[][] visualFrames;
            if (level == Level.SEGMENT) {
                acousticFrames = new float[][] {acousticMeans.mean(a, b)};
                visualFrames = new float[][] {visualMeans.mean(a, b)};
            } else {
                acousticFrames = new float[rows.size()][];
                visualFrames = new float[rows.size()][];
                for (int w = 0; w < rows.size(); w++) {
                    int row = rows.get(w);
                    acousticFrames[w] =
                            acousticMeans.mean(wordSpans.start(row), wordSpans.end(row));
                    visualFrames[w] = visualMeans.mean(wordSpans.start(row), wordSpans.end(row));
                }
            }
            out.add(
                    new AlignedSegment(
                            video + "[" + k + "]",
                            video,
                            k,
                            a,
                            b,
                            labelRows.frames()[k][0],
                            rows.stream().map(spoken.words()::get).toList(),
                            acousticFrames,
                            visualFrames));
        }
    }

    /** mean(a, b) over one video's frames, counting the spans that no frame overlaps. */
    private static final class FrameMeans {

        private final FeatureSequence sequence;
        private int empty;

        FrameMeans(FeatureSequence sequence) {
            this.sequence = sequence;
        }

        float[] mean(double a, double b) {
            int[] rows = sequence.intervals().overlapping(a, b);
            double[] sum = new double[sequence.dim()];
            for (int row : rows) {
                float[] frame = sequence.frames()[row];
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += frame[j];
                }
            }
            if (rows.length == 0) {
                empty++;
            }
            float[] mean = new float[sum.length];
            for (int j = 0; j < sum.length; j++) {
                mean[j] = rows.length == 0 ? 0f : (float) (sum[j] / rows.length);
            }
            return mean;
        }
    }

    /** Builds an {@link SdkAligner}: the four files are required, the level defaults to segment. */
    public static final class Builder {

        private Path words;
        private Path acoustic;
        private Path visual;
        private Path labels;
        private Level level = Level.SEGMENT;

        private Builder() {}

        public Builder setWords(Path words) {
            this.words = words;
            return this;
        }

        public Builder setAcoustic(Path acoustic) {
            this.acoustic = acoustic;
            return this;
        }

        public Builder setVisual(Path visual) {
            this.visual = visual;
            return this;
        }

        public Builder setLabels(Path labels) {
            this.labels = labels;
            return this;
        }

        public Builder optLevel(Level level) {
            this.level = level;
            return this;
        }

        public SdkAligner build() {
            if (words == null || acoustic == null || visual == null || labels == null) {
                throw new IllegalArgumentException(
                        "words, acoustic, visual and labels files are required, found words="
                                + words
                                + ", acoustic="
                                + acoustic
                                + ", visual="
                                + visual
                                + ", labels="
                                + labels);
            }
            if (level == null) {
                throw new IllegalArgumentException("level must be segment or word, found null");
            }
            return new SdkAligner(this);
        }
    }
}
