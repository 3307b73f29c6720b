package io.tributary.bert;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.core.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * BERT's own tokenisation from {@code vocab.txt}: the special tokens of the vocabulary ({@code
 * [UNK] [SEP] [PAD] [CLS] [MASK]}) typed in a text are split out first and kept whole, matched as
 * typed (case-sensitively, never lower-cased), as Hugging Face does by default; the text between
 * them goes through the basic tokenizer (clean control characters, split CJK characters one per
 * token, lower-case and strip accents when {@code do_lower_case}, split punctuation) and then
 * greedy longest-match-first WordPiece with {@code ##} continuations; a word that cannot be
 * covered, or longer than 100 characters, becomes {@code [UNK]}.
 */
public final class WordPieceTokenizer implements BertTokenizer {

    private static final int MAX_WORD_CHARS = 100;

    /** Hugging Face's {@code BertTokenizer} special tokens, in its order. */
    private static final List<String> SPECIAL_TOKENS =
            List.of("[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]");

    private final Map<String, Integer> vocab;
    private final boolean lowerCase;
    private final int cls;
    private final int sep;
    private final int pad;
    private final int unk;

    /** Any of the special tokens the vocabulary holds. */
    private final Pattern specialTokens;

    public WordPieceTokenizer(List<String> tokens, boolean lowerCase, Path source) {
        this.vocab = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            vocab.putIfAbsent(tokens.get(i), i);
        }
        this.lowerCase = lowerCase;
        this.cls = special(source, "[CLS]");
        this.sep = special(source, "[SEP]");
        this.pad = special(source, "[PAD]");
        this.unk = special(source, "[UNK]");
        this.specialTokens =
                Pattern.compile(
                        SPECIAL_TOKENS.stream()
                                .filter(vocab::containsKey)
                                .map(Pattern::quote)
                                .collect(Collectors.joining("|")));
    }

    /** Reads {@code vocab.txt}: one token per line, the line number being its id. */
    public static WordPieceTokenizer load(Path vocabFile, boolean lowerCase) {
        return new WordPieceTokenizer(vocabulary(vocabFile), lowerCase, vocabFile);
    }

    /** The tokens of a {@code vocab.txt}, one per line, the line number being the id. */
    public static List<String> vocabulary(Path vocabFile) {
        try {
            return Files.readAllLines(vocabFile, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .toList();
        } catch (NoSuchFileException e) {
            throw new InputException(vocabFile + ": expected a vocabulary file, found none", e);
        } catch (IOException e) {
            throw new InputException(vocabFile + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * The small English vocabulary bundled with the library (special tokens, characters, common and
     * sentiment-bearing words): for generated checkpoints and synthetic data.
     */
    public static List<String> bundledVocabulary() {
        try (InputStream in = WordPieceTokenizer.class.getResourceAsStream("vocab.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return List.of(text.strip().split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code do_lower_case} of the folder's {@code tokenizer_config.json}; true when absent. */
    static boolean lowerCase(Path dir) {
        Path config = dir.resolve("tokenizer_config.json");
        if (!Files.isRegularFile(config)) {
            return true;
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(config)).getAsJsonObject();
            return !json.has("do_lower_case") || json.get("do_lower_case").getAsBoolean();
        } catch (IOException | RuntimeException e) {
            throw new InputException(config + ": expected a JSON object: " + e.getMessage(), e);
        }
    }

    @Override
    public Encoding encode(String text, int maxLength) {
        if (maxLength < 2) {
            throw new IllegalArgumentException("max length " + maxLength + " leaves no room");
        }
        List<String> pieces = tokenize(text);
        List<String> tokens = new ArrayList<>();
        tokens.add("[CLS]");
        tokens.addAll(pieces.subList(0, Math.min(pieces.size(), maxLength - 2)));
        tokens.add("[SEP]");
        long[] ids = new long[maxLength];
        long[] mask = new long[maxLength];
        Arrays.fill(ids, pad);
        for (int i = 0; i < tokens.size(); i++) {
            ids[i] = vocab.getOrDefault(tokens.get(i), unk);
            mask[i] = 1;
        }
        ids[0] = cls;
        ids[tokens.size() - 1] = sep;
        return new Encoding(List.copyOf(tokens), ids, mask, new long[maxLength]);
    }

    /**
     * The WordPiece tokens of {@code text}, without the added {@code [CLS]}/{@code [SEP]}; special
     * tokens typed in the text are kept as tokens.
     */
    public List<String> tokenize(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher typed = specialTokens.matcher(text);
        int start = 0;
        while (typed.find()) {
            tokenizeBetween(text.substring(start, typed.start()), pieces);
            pieces.add(typed.group());
            start = typed.end();
        }
        tokenizeBetween(text.substring(start), pieces);
        return pieces;
    }

    private void tokenizeBetween(String text, List<String> pieces) {
        for (String word : basicTokens(text)) {
            wordPieces(word, pieces);
        }
    }

    private List<String> basicTokens(String text) {
        StringBuilder spaced = new StringBuilder(text.length());
        text.codePoints()
                .forEach(
                        c -> {
                            if (c == 0 || c == 0xFFFD || isControl(c)) {
                                return;
                            }
                            if (isWhitespace(c)) {
                                spaced.append(' ');
                            } else if (isCjk(c)) {
                                spaced.append(' ').appendCodePoint(c).append(' ');
                            } else {
                                spaced.appendCodePoint(c);
                            }
                        });
        String normalized = Normalizer.normalize(spaced, Normalizer.Form.NFC);
        List<String> words = new ArrayList<>();
        for (String token : normalized.trim().split(" +")) {
            if (token.isEmpty()) {
                continue;
            }
            String word = lowerCase ? stripAccents(token.toLowerCase(Locale.ROOT)) : token;
            splitPunctuation(word, words);
        }
        return words;
    }

    private static String stripAccents(String word) {
        String decomposed = Normalizer.normalize(word, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed
                .codePoints()
                .filter(c -> Character.getType(c) != Character.NON_SPACING_MARK)
                .forEach(out::appendCodePoint);
        return out.toString();
    }

    private static void splitPunctuation(String word, List<String> out) {
        StringBuilder current = new StringBuilder();
        word.codePoints()
                .forEach(
                        c -> {
                            if (isPunctuation(c)) {
                                if (current.length() > 0) {
                                    out.add(current.toString());
                                    current.setLength(0);
                                }
                                out.add(new String(Character.toChars(c)));
                            } else {
                                current.appendCodePoint(c);
                            }
                        });
        if (current.length() > 0) {
            out.add(current.toString());
        }
    }

    private void wordPieces(String word, List<String> out) {
        int[] chars = word.codePoints().toArray();
        if (chars.length > MAX_WORD_CHARS) {
            out.add("[UNK]");
            return;
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < chars.length) {
            String match = null;
            int end = chars.length;
            while (start < end) {
                String piece = new String(chars, start, end - start);
                if (start > 0) {
                    piece = "##" + piece;
                }
                if (vocab.containsKey(piece)) {
                    match = piece;
                    break;
                }
                end--;
            }
            if (match == null) {
                out.add("[UNK]");
                return;
            }
            pieces.add(match);
            start = end;
        }
        out.addAll(pieces);
    }

    private int special(Path source, String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new InputException(source + ": the vocabulary has no " + token + " token");
        }
        return id;
    }

    private static boolean isWhitespace(int c) {
        return c == ' '
                || c == '\t'
                || c == '\n'
                || c == '\r'
                || Character.getType(c) == Character.SPACE_SEPARATOR;
    }

    private static boolean isControl(int c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT;
    }

    private static boolean isPunctuation(int c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96)) {
            return true;
        }
        if (c >= 123 && c <= 126) {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION,
                    Character.START_PUNCTUATION,
                    Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION,
                    Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION ->
                    true;
            default -> false;
        };
    }

    private static boolean isCjk(int c) {
        return (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x20000 && c <= 0x2A6DF)
                || (c >= 0x2A700 && c <= 0x2B73F)
                || (c >= 0x2B740 && c <= 0x2B81F)
                || (c >= 0x2B820 && c <= 0x2CEAF)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0x2F800 && c <= 0x2FA1F);
    }
}
