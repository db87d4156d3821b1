package org.yimatong.hub.lists.ingest;

import java.io.File;
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
import org.apache.camel.Processor;
import org.yimatong.hub.lists.ListsConfig;
import org.yimatong.hub.registry.Member;
import org.yimatong.hub.registry.MemberDirectory;
import org.yimatong.schemas.payload.Problem;
import org.yimatong.schemas.problem.FieldError;
import org.yimatong.schemas.problem.ProblemException;
import org.yimatong.schemas.problem.ProblemType;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One dropped batch file through {@link BatchIngest}. On success the {@code .sig} follows the batch to
 * {@code done/}; on refusal it goes to {@code error/} with the problem report, and the exchange fails so the
 * file consumer moves the batch there too.
 */
@ApplicationScoped
public class FileDropIngest implements Processor {

    private static final String SUFFIX = ".ndjson";

    private final BatchIngest ingest;
    private final MemberDirectory directory;
    private final ObjectMapper mapper;
    private final Path root;

    public FileDropIngest(BatchIngest ingest, MemberDirectory directory, ObjectMapper mapper, ListsConfig config) {
        this.ingest = ingest;
        this.directory = directory;
        this.mapper = mapper;
        this.root = ListIngestRoutes.root(config);
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Path file = exchange.getIn().getBody(File.class).toPath().toAbsolutePath();
        String memberId = file.getParent().getFileName().toString();
        String day = file.getFileName().toString();
        day = day.substring(0, day.length() - SUFFIX.length());
        Path signature = file.resolveSibling(day + ".sig");
        try {
            Member member = directory.find(memberId).filter(Member::isActive)
                    .orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN,
                            "No active member " + memberId + " for this inbox folder", List.of()));
            String jws = readSignature(signature);
            try (InputStream in = Files.newInputStream(file)) {
                ingest.ingest(new BatchUpload(member, day, parseDay(day), null, jws), new BatchBody(in, false, Files
                        .size(file)));
            }
            moveBeside(signature, "done", memberId);
        } catch (ProblemException e) {
            Path report = root.resolve("error").resolve(memberId).resolve(day + ".problem.json");
            Files.createDirectories(report.getParent());
            Files.write(report, mapper.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(Problem.of(e, "inbox/" + memberId + "/" + day + SUFFIX)));
            moveBeside(signature, "error", memberId);
            throw new BatchFileRefusedException(e.getMessage());
        }
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
