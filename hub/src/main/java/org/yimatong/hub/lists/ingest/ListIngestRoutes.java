package org.yimatong.hub.lists.ingest;

import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.yimatong.hub.home.YimatongHome;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.schemas.problem.ProblemException;

/**
 * The one way a batch comes in (REQ-LIST-2..9): the {@value #INGEST} route takes an {@link IncomingBatch} from an
 * HTTP upload, a dropped file or a daily pull through {@link BatchIngest} and answers its {@link IngestOutcome}; a
 * refusal leaves as the exchange's {@link ProblemException}.
 *
 * <p>The file drop (REQ-LIST-9): {@code inbox/<member>/<day>.ndjson} with its detached signature beside it in
 * {@code <day>.sig}, batch tag {@code <day>}. A stored batch moves to {@code done/<member>/}, a refused one to
 * {@code error/<member>/} with {@code <day>.problem.json} beside it. Members write the {@code .sig} first and the
 * {@code .ndjson} last, by an atomic rename. Several instances may watch one folder: each file is taken by the one
 * that claims it first ({@link DroppedFileClaims}).
 */
@ApplicationScoped
public class ListIngestRoutes extends RouteBuilder {

    public static final String INGEST = "direct:list-ingest";

    private final ListsConfig config;
    private final BatchIngest ingest;
    private final FileDropIngest fileDrop;

    public ListIngestRoutes(ListsConfig config, BatchIngest ingest, FileDropIngest fileDrop) {
        this.config = config;
        this.ingest = ingest;
        this.fileDrop = fileDrop;
    }

    @Override
    public void configure() {
        onException(FileDropIngest.BatchFileRefusedException.class)
                .handled(false)
                .logExhausted(false)
                .log(LoggingLevel.WARN, "Batch file ${header.CamelFileName} refused: ${exception.message}");

        from(INGEST).routeId("list-ingest")
                .process(exchange -> {
                    IncomingBatch batch = exchange.getMessage().getBody(IncomingBatch.class);
                    exchange.getMessage().setBody(ingest.ingest(batch.upload(), batch.body()));
                }).id("ingest");

        Path root = root(config);
        from("file:" + root.resolve("inbox") + "?recursive=true&include=.*\\.ndjson"
                + "&delay=" + config.drop().pollDelay().toMillis()
                // of several instances watching one folder, the one that claims the file in PostgreSQL takes it
                + "&readLock=idempotent&idempotentRepository=#droppedFileClaims"
                + "&idempotentKey=${file:name}-${file:size}-${file:modified}"
                + "&move=" + root.resolve("done") + "/${file:name}"
                + "&moveFailed=" + root.resolve("error") + "/${file:name}")
                .routeId("list-file-drop")
                .doTry()
                .process(fileDrop::received).id("read-signature")
                .to(INGEST)
                .process(fileDrop::stored).id("signature-to-done")
                .doCatch(ProblemException.class)
                .process(fileDrop::refused).id("report-refusal")
                .end();
    }

    static Path root(ListsConfig config) {
        return config.drop().dir().map(Path::of).orElseGet(() -> YimatongHome.path().resolve("lists-drop"))
                .toAbsolutePath().normalize();
    }
}
