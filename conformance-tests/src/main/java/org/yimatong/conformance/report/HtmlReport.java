package org.yimatong.conformance.report;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.yimatong.conformance.engine.Outcome;
import org.yimatong.conformance.engine.RunResult;
import org.yimatong.conformance.engine.TestResult;
import org.yimatong.conformance.http.RecordedExchange;

/**
 * A standalone HTML page of a run (no scripts, no external resources): the summary, then each test with its
 * requirements, outcome, message, notes and its exchanges folded in {@code <details>}. Every value is escaped.
 */
public final class HtmlReport {

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:2em;max-width:80em;color:#222}
            table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
            .PASSED{color:#0a6b1d;font-weight:bold}.FAILED{color:#b00020;font-weight:bold}.SKIPPED{color:#8a6d00;font-weight:bold}
            pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;padding:.5em;margin:.3em 0}
            details{margin:.2em 0}code{font-size:90%}
            """;

    private HtmlReport() {
    }

    public static byte[] of(RunResult run, String suiteVersion, String contractVersion) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Yimatong conformance: ")
                .append(esc(run.plan().cliName())).append(" plan, ").append(esc(run.targetEntityId()))
                .append("</title><style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>Yimatong conformance report: ").append(esc(run.plan().cliName())).append(" plan</h1>\n");
        h.append("<table><tbody>");
        row(h, "Result", "<span class=\"" + (run.passed() ? "PASSED" : "FAILED") + "\">"
                + (run.passed() ? "PASSED" : "FAILED") + "</span>");
        row(h, "Target", esc(run.targetEntityId()) + " at <code>" + esc(run.target().toString()) + "</code>"
                + (run.development() ? " (a development deployment: this report certifies nothing)" : ""));
        row(h, "Tests", run.results().size() + " run: " + run.count(Outcome.PASSED) + " passed, "
                + run.count(Outcome.FAILED) + " failed, " + run.count(Outcome.SKIPPED) + " skipped");
        row(h, "Suite / contract", "ymt-conformance " + esc(suiteVersion) + ", contract " + esc(contractVersion));
        row(h, "Run", esc(run.startedAt().toString()) + " to " + esc(run.finishedAt().toString()));
        h.append("</tbody></table>\n<h2>Tests</h2>\n<table><thead><tr><th>Id</th><th>Test</th><th>Requirements</th>"
                + "<th>Outcome</th></tr></thead><tbody>\n");
        for (TestResult r : run.results()) {
            test(h, r);
        }
        h.append("</tbody></table>\n</body></html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void test(StringBuilder h, TestResult r) {
        h.append("<tr id=\"").append(esc(r.test().id())).append("\"><td><code>").append(esc(r.test().id()))
                .append("</code></td><td>").append(esc(r.test().title()));
        if (r.test().negative()) {
            h.append(" <em>(negative)</em>");
        }
        if (!r.message().isEmpty()) {
            h.append("<pre>").append(esc(r.message())).append("</pre>");
        }
        for (String note : r.notes()) {
            h.append("<div>").append(esc(note)).append("</div>");
        }
        if (!r.exchanges().isEmpty()) {
            h.append("<details><summary>").append(r.exchanges().size()).append(" HTTP exchange(s)</summary>");
            r.exchanges().forEach(e -> exchange(h, e));
            h.append("</details>");
        }
        h.append("</td><td>").append(esc(String.join(", ", r.test().requirements()))).append("</td><td class=\"")
                .append(r.outcome().name()).append("\">").append(r.outcome().name()).append(" <small>(")
                .append(r.duration().toMillis()).append(" ms)</small></td></tr>\n");
    }

    private static void exchange(StringBuilder h, RecordedExchange e) {
        h.append("<details><summary><code>").append(e.direction() == RecordedExchange.Direction.INBOUND ? "&larr; "
                : "")
                .append(esc(e.method())).append(' ').append(esc(e.url())).append("</code> &rarr; ")
                .append(e.status() == 0 ? esc(e.error() == null ? "no answer" : e.error()) : e.status())
                .append(" (").append(e.durationMs()).append(" ms)</summary><pre>")
                .append(esc(headers(e.requestHeaders()))).append("\n").append(esc(e.requestBody()))
                .append("</pre><pre>").append(esc(headers(e.responseHeaders()))).append("\n")
                .append(esc(e.responseBody())).append("</pre></details>");
    }

    private static String headers(Map<String, List<String>> headers) {
        StringBuilder s = new StringBuilder();
        headers.forEach((name, values) -> values.forEach(v -> s.append(name).append(": ").append(v).append('\n')));
        return s.toString();
    }

    private static void row(StringBuilder h, String name, String html) {
        h.append("<tr><th>").append(esc(name)).append("</th><td>").append(html).append("</td></tr>");
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }
}
