package io.tributary.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import io.tributary.bert.BertConfig;
import io.tributary.bert.BertModel;
import io.tributary.bert.WordPieceTokenizer;
import io.tributary.inject.GateBlock;
import io.tributary.inject.InjectionConfig;
import io.tributary.inject.InjectionModel;
import io.tributary.nn.ModelInputs;
import io.tributary.train.ParameterGroups.Group;
import io.tributary.train.ParameterGroups.Member;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ParameterGroupsTest {

    @Test
    void sortsNamesIntoGroupsWithTheirRatesAndDecay() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> named = new LinkedHashMap<>();
            for (String name :
                    List.of(
                            "bert.encoder.layer.0.attention.output.dense.weight",
                            "bert.encoder.layer.0.attention.output.dense.bias",
                            "bert.encoder.layer.0.attention.output.LayerNorm.weight",
                            "bert.embeddings.LayerNorm.bias",
                            "inject.0.branch.ffn.layer_norm.weight",
                            "fusion.layers.0.norm1.weight",
                            "head.weight",
                            "head.bias",
                            "gated.weight",
                            "gate_proj.weight")) {
                named.put(name, TestParameters.create(manager, name, new Shape(2, 2)));
            }
            named.put("inject.0.gate.w", TestParameters.create(manager, "w", new Shape(1)));
            named.put("inject.0.gate.b", TestParameters.create(manager, "b", new Shape(1)));
            named.put(
                    "inject.1.gate.proj.weight",
                    TestParameters.create(manager, "weight", new Shape(4, 8)));
            named.put(
                    "inject.1.gate.proj.bias",
                    TestParameters.create(manager, "bias", new Shape(4)));

            List<Parameter> gates =
                    List.of(
                            named.get("inject.0.gate.w"),
                            named.get("inject.0.gate.b"),
                            named.get("inject.1.gate.proj.weight"),
                            named.get("inject.1.gate.proj.bias"));
            ParameterGroups groups =
                    ParameterGroups.builder().setParameters(named).optGateParameters(gates).build();
            Map<String, Member> byName =
                    groups.members().stream()
                            .collect(Collectors.toMap(Member::name, member -> member));

            assertEquals(
                    List.copyOf(named.keySet()),
                    groups.members().stream().map(Member::name).toList());
            assertMember(
                    byName, "bert.encoder.layer.0.attention.output.dense.weight", Group.PLM, true);
            assertMember(
                    byName, "bert.encoder.layer.0.attention.output.dense.bias", Group.PLM, false);
            assertMember(
                    byName,
                    "bert.encoder.layer.0.attention.output.LayerNorm.weight",
                    Group.PLM,
                    false);
            assertMember(byName, "bert.embeddings.LayerNorm.bias", Group.PLM, false);
            assertMember(byName, "inject.0.branch.ffn.layer_norm.weight", Group.NEW, false);
            assertMember(byName, "fusion.layers.0.norm1.weight", Group.NEW, false);
            assertMember(byName, "head.weight", Group.NEW, true);
            assertMember(byName, "head.bias", Group.NEW, false);
            assertMember(byName, "gated.weight", Group.NEW, true);
            assertMember(byName, "gate_proj.weight", Group.NEW, true);
            assertMember(byName, "inject.0.gate.w", Group.GATE, false);
            assertMember(byName, "inject.0.gate.b", Group.GATE, false);
            assertMember(byName, "inject.1.gate.proj.weight", Group.GATE, true);
            assertMember(byName, "inject.1.gate.proj.bias", Group.GATE, false);

            assertEquals(2e-5, byName.get("bert.embeddings.LayerNorm.bias").learningRate());
            assertEquals(1e-2, byName.get("inject.0.gate.w").learningRate());
            assertEquals(1e-3, byName.get("head.weight").learningRate());
        }
    }

    @Test
    void optionsChangePrefixGatesAndRates() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, Parameter> named = new LinkedHashMap<>();
            named.put("plm.layer.weight", TestParameters.create(manager, "a", new Shape(2, 2)));
            named.put("bert.layer.weight", TestParameters.create(manager, "b", new Shape(2, 2)));
            named.put("mixer.alpha", TestParameters.create(manager, "c", new Shape(1)));
            ParameterGroups groups =
                    ParameterGroups.builder()
                            .setParameters(named)
                            .optPlmPrefix("plm.")
                            .optGateParameters(List.of(named.get("mixer.alpha")))
                            .optPlmLearningRate(1e-5)
                            .optGateLearningRate(5e-2)
                            .optNewLearningRate(2e-3)
                            .build();
            List<Member> members = groups.members();
            assertEquals(Group.PLM, members.get(0).group());
            assertEquals(1e-5, members.get(0).learningRate());
            assertEquals(Group.NEW, members.get(1).group());
            assertEquals(2e-3, members.get(1).learningRate());
            assertEquals(Group.GATE, members.get(2).group());
            assertEquals(5e-2, members.get(2).learningRate());
            assertFalse(members.get(2).decay());
            assertEquals(5e-2, groups.learningRate(Group.GATE));
        }
    }

    @Test
    void skipsFrozenAndSharedParameters() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Parameter shared = TestParameters.create(manager, "w", new Shape(3, 3));
            Parameter frozen = TestParameters.create(manager, "f", new Shape(3, 3));
            frozen.freeze(true);
            Map<String, Parameter> named = new LinkedHashMap<>();
            named.put("encoder.weight", shared);
            named.put("decoder.weight", shared);
            named.put("frozen.weight", frozen);
            List<Member> members = ParameterGroups.builder().setParameters(named).build().members();
            assertEquals(1, members.size());
            assertEquals("encoder.weight", members.get(0).name());
        }
    }

    @Test
    void groupsTheParametersOfABlockTree() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BertModel bert = new BertModel(BertConfig.tiny().withVocabSize(100));
            bert.initialize(manager, 8);
            List<Member> members =
                    ParameterGroups.builder()
                            .setBlock(bert)
                            .optPlmPrefix("encoder.")
                            .build()
                            .members();
            Map<String, Member> byName =
                    members.stream().collect(Collectors.toMap(Member::name, member -> member));
            assertEquals(bert.getParameters().size(), members.size());
            assertMember(byName, "encoder.layer.1.output.LayerNorm.weight", Group.PLM, false);
            assertMember(byName, "encoder.layer.1.intermediate.dense.weight", Group.PLM, true);
            assertMember(byName, "embeddings.LayerNorm.bias", Group.NEW, false);
            assertMember(byName, "embeddings.word_embeddings.weight", Group.NEW, true);
            assertMember(byName, "pooler.dense.bias", Group.NEW, false);
        }
    }

    @Test
    void refusesUninitialisedParametersAndBadSettings() {
        Parameter bare = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).build();
        IllegalArgumentException uninitialised =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ParameterGroups.builder()
                                        .setParameters(Map.of("head.weight", bare))
                                        .build());
        assertTrue(uninitialised.getMessage().contains("head.weight"), uninitialised.getMessage());
        IllegalArgumentException rate =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ParameterGroups.builder()
                                        .setParameters(Map.of())
                                        .optGateLearningRate(-1)
                                        .build());
        assertTrue(rate.getMessage().contains("-1.0"), rate.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterGroups.builder().build());
    }

    @Test
    void theGateGroupIsExactlyTheGateBlocksParametersOfTheInjectionModel() {
        List<String> vocabulary = WordPieceTokenizer.bundledVocabulary();
        BertConfig bert = BertConfig.tiny().withVocabSize(vocabulary.size());
        Map<GateBlock.Kind, List<String>> expected =
                Map.of(
                        GateBlock.Kind.SIMILARITY,
                        List.of("gate.w", "gate.b"),
                        GateBlock.Kind.LEARNED,
                        List.of("gate.Wg.weight", "gate.Wg.bias"),
                        GateBlock.Kind.NONE,
                        List.of());
        TrainConfig config = TrainConfig.builder().optGateLr(0.05f).build();
        for (GateBlock.Kind kind : GateBlock.Kind.values()) {
            try (NDManager manager = NDManager.newBaseManager()) {
                InjectionConfig injection =
                        InjectionConfig.builder()
                                .optNonverbalHidden(8)
                                .optAttentionDim(8)
                                .optGate(kind)
                                .build();
                InjectionModel model =
                        new InjectionModel(injection, bert, new ModelInputs(0, 4, 3, 0));
                model.initialize(manager, 11, 7, 7);
                List<Member> members = ModelTrainer.parameterGroups(model, config).members();
                List<Member> lstmBiases =
                        members.stream().filter(m -> m.name().endsWith("_BIAS")).toList();
                assertFalse(lstmBiases.isEmpty(), "the nonverbal LSTMs' biases");
                assertTrue(lstmBiases.stream().noneMatch(Member::decay), lstmBiases.toString());
                Set<String> gate = new TreeSet<>();
                for (Member member : members) {
                    if (member.group() == Group.GATE) {
                        gate.add(member.name());
                        assertEquals(0.05f, member.learningRate(), 1e-9, member.name());
                    }
                }
                Set<String> names = new TreeSet<>();
                for (int k = 0; k < bert.numHiddenLayers(); k++) {
                    for (String parameter : expected.get(kind)) {
                        names.add("branch." + k + "." + parameter);
                    }
                }
                assertEquals(names, gate, kind.toString());
            }
        }
    }

    private static void assertMember(
            Map<String, Member> byName, String name, Group group, boolean decay) {
        Member member = byName.get(name);
        assertEquals(group, member.group(), name);
        assertEquals(decay, member.decay(), name);
    }
}
