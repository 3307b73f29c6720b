/**
 * Python pickles of the field's processed corpora, read and written without Python or running code.
 *
 * <p>{@link io.tributary.data.pickle.Unpickler} is a streaming unpickler (protocols 2 to 5) that
 * accepts only the globals numpy's array pickles name; arrays become lazy {@link
 * io.tributary.data.pickle.NdArray}s whose bytes stay in the file until read. The format readers
 * ({@code MmsaPickleReader}, {@code MagBertPickleReader}, {@code MultPickleReader}) check each
 * corpus's layout and produce {@link io.tributary.data.MultimodalSplit}s.
 *
 * <p>The other way, {@code Pickler} writes a pickle byte for byte as CPython and numpy 1.x do at
 * protocol 4, streaming each array from its rows, and {@link
 * io.tributary.data.pickle.MmsaPickleWriter} writes splits in MMSA's layout with it.
 */
package io.tributary.data.pickle;
