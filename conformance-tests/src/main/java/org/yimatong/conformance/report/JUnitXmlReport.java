package org.yimatong.conformance.report;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Locale;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.yimatong.conformance.engine.Outcome;
import org.yimatong.conformance.engine.RunResult;
import org.yimatong.conformance.engine.TestResult;

/**
 * JUnit XML (the Ant/Surefire shape CI servers read): one {@code testsuite} for the plan, one {@code testcase} per
 * test ({@code classname} {@code ymt.<plan>.<AREA>}, {@code name} id and title), {@code failure} or
 * {@code skipped} with the message, and the requirement ids as the test case's {@code requirements} property.
 */
public final class JUnitXmlReport {

    private JUnitXmlReport() {
    }

    public static byte[] of(RunResult run, String suiteVersion, String contractVersion) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suites = doc.createElement("testsuites");
            doc.appendChild(suites);
            Element suite = doc.createElement("testsuite");
            suites.appendChild(suite);
            suite.setAttribute("name", "ymt-conformance " + run.plan().cliName());
            suite.setAttribute("tests", String.valueOf(run.results().size()));
            suite.setAttribute("failures", String.valueOf(run.count(Outcome.FAILED)));
            suite.setAttribute("errors", "0");
            suite.setAttribute("skipped", String.valueOf(run.count(Outcome.SKIPPED)));
            suite.setAttribute("timestamp", run.startedAt().toString());
            suite.setAttribute("time", seconds(Duration.between(run.startedAt(), run.finishedAt())
                    .toMillis()));
            Element properties = doc.createElement("properties");
            suite.appendChild(properties);
            property(doc, properties, "plan", run.plan().cliName());
            property(doc, properties, "target", run.target().toString());
            property(doc, properties, "targetEntityId", run.targetEntityId());
            property(doc, properties, "suiteVersion", suiteVersion);
            property(doc, properties, "contractVersion", contractVersion);
            for (TestResult r : run.results()) {
                suite.appendChild(testcase(doc, run, r));
            }
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
    }

    private static Element testcase(Document doc, RunResult run, TestResult r) {
        Element testcase = doc.createElement("testcase");
        String area = r.test().id().split("-")[1];
        testcase.setAttribute("classname", "ymt." + run.plan().cliName() + "." + area.toLowerCase(Locale.ROOT));
        testcase.setAttribute("name", r.test().id() + " " + r.test().title());
        testcase.setAttribute("time", seconds(r.duration().toMillis()));
        Element properties = doc.createElement("properties");
        testcase.appendChild(properties);
        property(doc, properties, "id", r.test().id());
        property(doc, properties, "requirements", String.join(",", r.test().requirements()));
        property(doc, properties, "negative", String.valueOf(r.test().negative()));
        if (r.outcome() == Outcome.FAILED) {
            Element failure = doc.createElement("failure");
            failure.setAttribute("message", r.message());
            failure.setAttribute("type", "ConformanceFailure");
            failure.setTextContent(r.message());
            testcase.appendChild(failure);
        } else if (r.outcome() == Outcome.SKIPPED) {
            Element skipped = doc.createElement("skipped");
            skipped.setAttribute("message", r.message());
            testcase.appendChild(skipped);
        }
        return testcase;
    }

    private static void property(Document doc, Element properties, String name, String value) {
        Element property = doc.createElement("property");
        property.setAttribute("name", name);
        property.setAttribute("value", value);
        properties.appendChild(property);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
