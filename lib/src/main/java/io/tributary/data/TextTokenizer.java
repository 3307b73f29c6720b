package io.tributary.data;

/**
 * Turns raw text into BERT token ids, for readers that re-tokenise a corpus's text (MMSA {@code
 * raw_text}, MAG-BERT words). The BERT tokenizer implements it; readers add the special tokens.
 */
public interface TextTokenizer {

    /** The WordPiece ids of {@code text}, without special tokens. */
    int[] wordPieceIds(String text);

    int clsId();

    int sepId();

    default int padId() {
        return 0;
    }
}
