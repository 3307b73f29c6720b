package io.tributary.data.sdk;

import java.util.List;

/**
 * One video's word sequence: row i is the word {@code words.get(i)} spoken over {@code intervals}
 * row i.
 *
 * @param video the video id
 * @param intervals the words' time intervals
 * @param words the words, one per interval
 */
public record WordSequence(String video, Intervals intervals, List<String> words) {

    public WordSequence {
        words = List.copyOf(words);
    }
}
