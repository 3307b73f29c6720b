package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.core.Json;
import io.tributary.inject.InjectionConfig;
import io.tributary.mmmie.MmmieConfig;
import io.tributary.nn.Setting;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings list has one source, the config records, and README.md prints it as it is. */
class SettingTableTest {

    private static final String START = "<!-- settings:";
    private static final String END = "<!-- /settings -->";

    @Test
    void readmeListsTheSettingsAsTheRecordsDeclareThem() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("-->", readme.indexOf(START)) + "-->".length();
        int end = readme.indexOf(END);
        assertTrue(start > "-->".length() && end > start, "README.md has no settings section");
        assertEquals(
                SettingTable.markdown(),
                readme.substring(start, end).strip() + "\n",
                "README.md's settings section differs from SettingTable.markdown(); paste it in");
    }

    @Test
    void everyComponentIsASettingExceptThoseOptionsSet() {
        List<String> listed = new ArrayList<>();
        SettingTable.all().forEach(t -> t.entries().forEach(e -> listed.add(e.key())));
        for (Class<?> record :
                List.of(TrainConfig.class, InjectionConfig.class, MmmieConfig.class)) {
            for (RecordComponent component : record.getRecordComponents()) {
                String key = Json.key(component);
                boolean option = Set.of("model", "seed").contains(key);
                assertEquals(
                        !option,
                        component.isAnnotationPresent(Setting.class),
                        record.getSimpleName() + "." + key);
                assertEquals(!option, listed.contains(key), key);
            }
        }
        for (String key :
                List.of(
                        "dropout",
                        "beta_shift",
                        "mag_dropout",
                        "lambda_contrastive",
                        "text_source")) {
            assertTrue(SettingTable.markdown().contains("| `" + key + "="), key);
        }
    }

    @Test
    void helpLinesFitEightyColumnsAndNameEverySetting() {
        String help = SettingTable.help();
        for (String line : help.split("\n")) {
            assertTrue(line.length() <= 80, line);
        }
        for (SettingTable table : SettingTable.all()) {
            for (SettingTable.Entry entry : table.entries()) {
                String head = "  " + entry.key() + "=" + entry.defaultValue();
                assertTrue(help.contains(head + " ") || help.contains(head + "\n"), head);
            }
        }
    }
}
