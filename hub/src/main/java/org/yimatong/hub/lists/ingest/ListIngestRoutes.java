package org.yimatong.hub.lists.ingest;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.yimatong.hub.home.YimatongHome;
import org.yimatong.hub.lists.ListsConfig;

/**
 * The file drop (REQ-LIST-9): {@code inbox/<member>/<day>.ndjson} with its detached signature beside it in
 * {@code <day>.sig} goes through the same ingest path as an upload, with batch tag {@code <day>}. A stored
 * batch moves to {@code done/<member>/}, a refused one to {@code error/<member>/} with {@code <day>.problem.json}
 * beside it. Members write the {@code .sig} first and the {@code .ndjson} last, by an atomic rename.
 */
@ApplicationScoped
public class ListIngestRoutes extends RouteBuilder {

    @Inject
    ListsConfig config;

    @Inject
    FileDropIngest fileDrop;

    @Override
    public void configure() {
        onException(FileDropIngest.BatchFileRefusedException.class)
                .handled(false)
                .logExhausted(false)
                .log(LoggingLevel.WARN, "Batch file ${header.CamelFileName} refused: ${exception.message}");

        Path root = root(config);
        from("file:" + root.resolve("inbox") + "?recursive=true&include=.*\\.ndjson"
                + "&delay=" + config.drop().pollDelay().toMillis()
                + "&move=" + root.resolve("done") + "/${file:name}"
                + "&moveFailed=" + root.resolve("error") + "/${file:name}")
                .routeId("list-file-drop")
                .process(fileDrop);
    }

    static Path root(ListsConfig config) {
        return config.drop().dir().map(Path::of).orElseGet(() -> YimatongHome.path().resolve("lists-drop"))
                .toAbsolutePath().normalize();
    }
}
