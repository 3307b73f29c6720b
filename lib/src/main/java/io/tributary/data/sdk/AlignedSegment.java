package io.tributary.data.sdk;

import java.util.List;

/**
 * One labelled segment after alignment: its words and its acoustic and visual sequences, one frame
 * for the whole segment ({@link SdkAligner.Level#SEGMENT}) or one frame per word ({@link
 * SdkAligner.Level#WORD}).
 *
 * @param id {@code <video>[k]}
 * @param video the video id
 * @param index k, the label interval's row within the video, in file order
 * @param start the segment's start in seconds
 * @param end the segment's end in seconds
 * @param label the label's first column (the sentiment score)
 * @param words the words overlapping the segment, in order, without silence tokens
 * @param acoustic (1, d_a) or (words, d_a) averaged acoustic frames
 * @param visual (1, d_v) or (words, d_v) averaged visual frames
 */
public record AlignedSegment(
        String id,
        String video,
        int index,
        double start,
        double end,
        float label,
        List<String> words,
        float[][] acoustic,
        float[][] visual) {

    public AlignedSegment {
        words = List.copyOf(words);
    }
}
