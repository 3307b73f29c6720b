package io.tributary.data.sdk;

import java.util.List;

/**
 * What {@link SdkAligner#align()} produced.
 *
 * @param level one frame per segment or one per word
 * @param segments the aligned segments, by video (name order) and then label row
 * @param videos the videos aligned
 * @param skippedVideos labelled videos left out because a words, acoustic or visual file lacks them
 * @param zeroAcoustic how many averaged acoustic frames are zero vectors (no frame overlapped)
 * @param zeroVisual how many averaged visual frames are zero vectors (no frame overlapped)
 */
public record Alignment(
        SdkAligner.Level level,
        List<AlignedSegment> segments,
        List<String> videos,
        List<String> skippedVideos,
        int zeroAcoustic,
        int zeroVisual) {

    public Alignment {
        segments = List.copyOf(segments);
        videos = List.copyOf(videos);
        skippedVideos = List.copyOf(skippedVideos);
    }
}
