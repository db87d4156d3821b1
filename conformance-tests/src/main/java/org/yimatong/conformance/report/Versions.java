package org.yimatong.conformance.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** The suite's own version (from the build) and the contract version it tests (the OpenAPI {@code info.version}). */
public final class Versions {

    private Versions() {
    }

    /** The suite's Maven version, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static String suite() {
        try (InputStream in = Versions.class.getResourceAsStream("/ymt-conformance.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("suite.version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code info.version} of exchange-schemas' {@code openapi/yimatong-v1.yaml}, e.g. {@code 1.0.0}. */
    public static String contract() {
        try (InputStream in = Versions.class.getResourceAsStream("/openapi/yimatong-v1.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi/yimatong-v1.yaml is not on the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean inInfo = false;
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.equals("info:")) {
                    inInfo = true;
                } else if (inInfo && !line.startsWith(" ") && !line.isBlank()) {
                    break;
                } else if (inInfo && line.startsWith("  version:")) {
                    return line.substring("  version:".length()).trim().replace("'", "").replace("\"", "");
                }
            }
            throw new IllegalStateException("openapi/yimatong-v1.yaml has no info.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
