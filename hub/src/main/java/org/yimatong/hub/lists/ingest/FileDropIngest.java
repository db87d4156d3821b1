package org.yimatong.hub.lists.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The steps of the file drop route ({@link ListIngestRoutes}) around the ingest: a dropped file becomes an
 * {@link IncomingBatch} (member from the folder, signature from the {@code .sig} beside it); on success the
 * {@code .sig} follows the batch to {@code done/}; on refusal it goes to {@code error/} with the problem report, and
 * the exchange fails so the file consumer moves the batch there too.
 */
@ApplicationScoped
public class FileDropIngest {

    private static final String SUFFIX = ".ndjson";
    private static final String SIGNATURE = "ymt.drop.signature";

    private final MemberDirectory directory;
    private final ObjectMapper mapper;
    private final Path root;

    public FileDropIngest(MemberDirectory directory, ObjectMapper mapper, ListsConfig config) {
        this.directory = directory;
        this.mapper = mapper;
        this.root = ListIngestRoutes.root(config);
    }

    /** The dropped file as a batch of its folder's member; the file stream is closed when the exchange ends. */
    void received(Exchange exchange) throws IOException {
        Path file = file(exchange);
        String memberId = memberOf(file);
        String day = dayOf(file);
        Path signature = file.resolveSibling(day + ".sig");
        exchange.setProperty(SIGNATURE, signature);
        Member member = directory.find(memberId).filter(Member::isActive)
                .orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                        "No active member " + memberId + " for this inbox folder", List.of()));
        String jws = readSignature(signature);
        InputStream in = Files.newInputStream(file);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                try {
                    in.close();
                } catch (IOException e) {
                    // read to the end or refused; nothing more to do with it
                }
            }
        });
        exchange.getMessage().setBody(new IncomingBatch(new BatchUpload(member, day, parseDay(day), null, jws),
                new BatchBody(in, false, Files.size(file))));
    }

    void stored(Exchange exchange) throws IOException {
        moveBeside(exchange.getProperty(SIGNATURE, Path.class), "done", memberOf(file(exchange)));
    }

    void refused(Exchange exchange) throws IOException {
        ProblemException refusal = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ProblemException.class);
        Path file = file(exchange);
        String memberId = memberOf(file);
        String day = dayOf(file);
        Path report = root.resolve("error").resolve(memberId).resolve(day + ".problem.json");
        Files.createDirectories(report.getParent());
        Files.write(report, mapper.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(Problem.of(refusal, "inbox/" + memberId + "/" + day + SUFFIX)));
        moveBeside(file.resolveSibling(day + ".sig"), "error", memberId);
        throw new BatchFileRefusedException(refusal.getMessage());
    }

    private static Path file(Exchange exchange) {
        return Path.of(exchange.getIn().getHeader(Exchange.FILE_PATH, String.class)).toAbsolutePath();
    }

    private static String memberOf(Path file) {
        return file.getParent().getFileName().toString();
    }

    private static String dayOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - SUFFIX.length());
    }

    private static String readSignature(Path signature) throws IOException {
        try {
            return Files.readString(signature).trim();
        } catch (NoSuchFileException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "No signature beside the batch",
                    List.of(new FieldError("/file/" + signature.getFileName(), "missing")));
        }
    }

    private static LocalDate parseDay(String day) {
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "A batch file is named <yyyy-MM-dd>.ndjson",
                    List.of(new FieldError("/file/" + day + SUFFIX, "not a day")));
        }
    }

    private void moveBeside(Path signature, String folder, String memberId) throws IOException {
        if (Files.exists(signature)) {
            Path target = root.resolve(folder).resolve(memberId).resolve(signature.getFileName());
            Files.createDirectories(target.getParent());
            Files.move(signature, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A dropped batch was refused; its report is in {@code error/}. */
    static final class BatchFileRefusedException extends RuntimeException {
        BatchFileRefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
