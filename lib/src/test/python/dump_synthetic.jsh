// Java's side of check_mmsa_writer.py: the synthetic corpus as SyntheticData generates it (not
// through the writer), as JSON. Run from the repository root after ./msa has built its jar:
//   jshell --class-path lib/target/tributary-cli.jar \
//       -R-Dseed=1111 -R-Dlayout=aligned -R-Dout=/tmp/synthetic.json \
//       lib/src/test/python/dump_synthetic.jsh
// The generator is ./msa data synth's (acoustic informative); with layout aligned it has one frame
// per text position, with unaligned the generator's own 20.
import io.tributary.data.*;
import com.google.gson.Gson;
import java.nio.file.*;
import java.util.*;

long seed = Long.parseLong(System.getProperty("seed"));
List<String> vocabulary =
        Files.readAllLines(Path.of("datasets/bert-tiny/vocab.txt")).stream().map(String::strip).toList();
SyntheticData g = SyntheticData.acousticInformative(seed);
SyntheticData generator = g;
if (System.getProperty("layout").equals("aligned")) {
    generator = new SyntheticData(g.train(), g.textLength(), g.textLength(), g.audioDim(),
            g.textLength(), g.visionDim(), g.textWeight(), g.acousticWeight(), g.visualWeight(),
            g.frameNoise(), g.labelNoise(), g.seed());
}
Map<String, Object> out = new LinkedHashMap<>();
out.put("vocabulary", vocabulary);
out.put("layout", System.getProperty("layout"));
for (Map.Entry<String, MultimodalSplit> e : generator.generate(vocabulary).entrySet()) {
    MultimodalSplit s = e.getValue();
    Map<String, Object> split = new LinkedHashMap<>();
    split.put("id", s.ids());
    split.put("ids", s.tokens().ids());
    split.put("mask", s.tokens().mask());
    split.put("segments", s.tokens().segments());
    split.put("audio_steps", s.audio().steps());
    split.put("vision_steps", s.vision().steps());
    split.put("audio", s.audio().values());
    split.put("audio_lengths", s.audio().lengths());
    split.put("vision", s.vision().values());
    split.put("vision_lengths", s.vision().lengths());
    split.put("labels", s.labels());
    out.put(e.getKey(), split);
}
Files.writeString(Path.of(System.getProperty("out")), new Gson().toJson(out));
/exit
