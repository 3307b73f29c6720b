/**
 * Python pickles of the field's processed corpora, read without Python and without running code.
 *
 * <p>{@link io.tributary.data.pickle.Unpickler} is a streaming unpickler (protocols 2 to 5) that
 * accepts only the globals numpy's array pickles name; arrays become lazy {@link
 * io.tributary.data.pickle.NdArray}s whose bytes stay in the file until read. The format readers
 * ({@code MmsaPickleReader}, {@code MagBertPickleReader}, {@code MultPickleReader}) check each
 * corpus's layout and produce {@link io.tributary.data.MultimodalSplit}s.
 */
package io.tributary.data.pickle;
