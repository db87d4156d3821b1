package org.yimatong.conformance.engine;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The contract's JSON Schemas (draft 2020-12, from exchange-schemas' {@code schemas/} on the classpath), with
 * formats asserted (date-time, uri). Loaded once per schema; thread-safe.
 */
public final class ContractSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private ContractSchemas() {
    }

    /** The faults of {@code json} against {@code schemas/<file>}, one line each; empty if it conforms. */
    public static Set<String> faults(String file, JsonNode json) {
        JsonSchema schema = LOADED.computeIfAbsent(file,
                f -> FACTORY.getSchema(SchemaLocation.of("classpath:schemas/" + f), CONFIG));
        return schema.validate(json).stream().map(ValidationMessage::getMessage)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Fails with every fault when {@code json} does not conform to {@code schemas/<file>}. */
    public static void expectValid(String file, JsonNode json, String why) {
        Set<String> faults = faults(file, json);
        if (!faults.isEmpty()) {
            throw new ConformanceFailure(why + ": the answer does not conform to " + file + ": "
                    + String.join("; ", faults));
        }
    }
}
