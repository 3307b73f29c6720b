package io.tributary.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.tributary.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder with {@code tokenizer.json} (Hugging Face's BERT pipeline over the tiny vocabulary) is
 * tokenised by the tokenizers library and gives the golden tokens and ids, truncation included; the
 * {@code vocab.txt} path gives the same, special tokens typed in a text included.
 */
class TokenizerJsonTest {

    @TempDir Path dir;

    @Test
    void tokenizerJsonGivesTheGoldenEncodings() throws IOException {
        List<String> vocab = Files.readAllLines(TestResources.path("fixtures/tiny-bert/vocab.txt"));
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson(vocab).toString());
        BertTokenizer tokenizer = BertTokenizer.fromFolder(dir);
        JsonObject golden =
                JsonParser.parseString(
                                Files.readString(
                                        TestResources.path("fixtures/tiny-bert/golden.json")))
                        .getAsJsonObject();
        JsonArray sentences = golden.getAsJsonArray("sentences");
        for (int i = 0; i < sentences.size(); i++) {
            BertTokenizer.Encoding encoding = tokenizer.encode(sentences.get(i).getAsString(), 16);
            JsonArray tokens = golden.getAsJsonArray("tokens").get(i).getAsJsonArray();
            assertEquals(tokens.size(), encoding.tokens().size());
            for (int t = 0; t < tokens.size(); t++) {
                assertEquals(tokens.get(t).getAsString(), encoding.tokens().get(t));
            }
            long[] ids =
                    golden.getAsJsonArray("input_ids").get(i).getAsJsonArray().asList().stream()
                            .mapToLong(e -> e.getAsLong())
                            .toArray();
            assertArrayEquals(ids, encoding.inputIds());
        }
    }

    @Test
    void truncationKeepsTheClosingSeparatorOnBothPaths() throws IOException {
        List<String> vocab = Files.readAllLines(TestResources.path("fixtures/tiny-bert/vocab.txt"));
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson(vocab).toString());
        String text = "the plot is okay but the acting is terrible";
        BertTokenizer.Encoding json = BertTokenizer.fromFolder(dir).encode(text, 5);
        BertTokenizer.Encoding vocabTxt =
                BertTokenizer.fromFolder(TestResources.path("fixtures/tiny-bert")).encode(text, 5);
        assertEquals(List.of("[CLS]", "the", "plot", "is", "[SEP]"), json.tokens());
        assertEquals(vocabTxt.tokens(), json.tokens());
        assertArrayEquals(vocabTxt.inputIds(), json.inputIds());
        assertArrayEquals(vocabTxt.attentionMask(), json.attentionMask());
    }

    @Test
    void specialTokensTypedInATextStayWholeOnBothPaths() throws IOException {
        List<String> vocab = Files.readAllLines(TestResources.path("fixtures/tiny-bert/vocab.txt"));
        Files.writeString(dir.resolve("tokenizer.json"), tokenizerJson(vocab).toString());
        BertTokenizer json = BertTokenizer.fromFolder(dir);
        BertTokenizer vocabTxt = BertTokenizer.fromFolder(TestResources.path("fixtures/tiny-bert"));
        assertEquals(
                List.of("[CLS]", "hello", "[MASK]", "world", "[SEP]"),
                vocabTxt.encode("Hello [MASK] World", 16).tokens());
        assertEquals(
                List.of("[CLS]", "[CLS]", "x", "[SEP]", "[SEP]"),
                vocabTxt.encode("[CLS]x[SEP]", 16).tokens());
        assertEquals(
                List.of("[CLS]", "[UNK]", "c", "##l", "##s", "[UNK]", "is", "not", "[SEP]"),
                vocabTxt.encode("[cls] is not", 16).tokens());
        List<String> texts =
                List.of(
                        "hello [MASK] world",
                        "[CLS]x[SEP]",
                        "a[SEP]b",
                        "[cls] lower case is not special",
                        "[MASK][MASK]",
                        "[[PAD]] [UNK]! [Mask] [SEP ] \t[MASK]\n",
                        "\u00e9t\u00e9 [MASK]\u00e9 \u4e16[SEP]\u200b[CLS]",
                        "[UNK]");
        for (String text : texts) {
            BertTokenizer.Encoding expected = json.encode(text, 16);
            BertTokenizer.Encoding actual = vocabTxt.encode(text, 16);
            assertEquals(expected.tokens(), actual.tokens(), text);
            assertArrayEquals(expected.inputIds(), actual.inputIds(), text);
            assertArrayEquals(expected.attentionMask(), actual.attentionMask(), text);
        }
    }

    /** Hugging Face's BERT tokenizer pipeline, as {@code BertTokenizerFast} saves it. */
    private static JsonObject tokenizerJson(List<String> vocab) {
        JsonObject json = new JsonObject();
        json.addProperty("version", "1.0");
        json.add("truncation", null);
        json.add("padding", null);
        JsonArray added = new JsonArray();
        JsonObject ids = new JsonObject();
        for (int i = 0; i < vocab.size(); i++) {
            ids.addProperty(vocab.get(i), i);
            if (vocab.get(i).matches("\\[[A-Z]+\\]")) {
                JsonObject token = new JsonObject();
                token.addProperty("id", i);
                token.addProperty("content", vocab.get(i));
                token.addProperty("single_word", false);
                token.addProperty("lstrip", false);
                token.addProperty("rstrip", false);
                token.addProperty("normalized", false);
                token.addProperty("special", true);
                added.add(token);
            }
        }
        json.add("added_tokens", added);
        json.add(
                "normalizer",
                JsonParser.parseString(
                        "{\"type\":\"BertNormalizer\",\"clean_text\":true,"
                                + "\"handle_chinese_chars\":true,\"strip_accents\":null,"
                                + "\"lowercase\":true}"));
        json.add("pre_tokenizer", JsonParser.parseString("{\"type\":\"BertPreTokenizer\"}"));
        String cls = "{\"SpecialToken\":{\"id\":\"[CLS]\",\"type_id\":0}}";
        String sep = "{\"SpecialToken\":{\"id\":\"[SEP]\",\"type_id\":0}}";
        String a = "{\"Sequence\":{\"id\":\"A\",\"type_id\":0}}";
        String b = "{\"Sequence\":{\"id\":\"B\",\"type_id\":1}}";
        String special =
                String.format(
                        "{\"[CLS]\":{\"id\":\"[CLS]\",\"ids\":[%d],\"tokens\":[\"[CLS]\"]},"
                                + "\"[SEP]\":{\"id\":\"[SEP]\",\"ids\":[%d],\"tokens\":[\"[SEP]\"]}}",
                        vocab.indexOf("[CLS]"), vocab.indexOf("[SEP]"));
        json.add(
                "post_processor",
                JsonParser.parseString(
                        String.format(
                                "{\"type\":\"TemplateProcessing\",\"single\":[%s,%s,%s],"
                                        + "\"pair\":[%s,%s,%s,%s,%s],\"special_tokens\":%s}",
                                cls, a, sep, cls, a, sep, b, sep, special)));
        json.add(
                "decoder",
                JsonParser.parseString(
                        "{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":true}"));
        JsonObject model = new JsonObject();
        model.addProperty("type", "WordPiece");
        model.addProperty("unk_token", "[UNK]");
        model.addProperty("continuing_subword_prefix", "##");
        model.addProperty("max_input_chars_per_word", 100);
        model.add("vocab", ids);
        json.add("model", model);
        return json;
    }
}
