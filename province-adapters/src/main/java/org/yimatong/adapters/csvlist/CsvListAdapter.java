package org.yimatong.adapters.csvlist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.HttpCall;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.adapters.spi.NativeCalls;
import org.yimatong.adapters.spi.Operation;
import org.yimatong.schemas.batch.ListEntry;

/**
 * A member that publishes its daily list as a file: {@code GET <baseUrl>/lists/<yyyyMMdd>.csv} with HTTP Basic
 * authentication (the credentials), GBK CSV as {@link CsvListConverter} reads it. 401/403 are credential
 * refusals, 404 (no file for the day) and anything but 200 are bad answers. The file is written to a temporary
 * file as it arrives (the member must start within the endpoint's timeout and never pause for longer; the whole file
 * must arrive within option {@value #FILE_TIMEOUT_OPTION}, 600 by default) and read from there as the stream is consumed; closing the
 * stream deletes it.
 * Files dropped on disk go through {@link CsvListConverter} directly.
 */
public final class CsvListAdapter implements MemberAdapter {

    public static final String DIALECT = "csv-list";

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** Option: seconds the whole file may take to arrive (a daily file is far larger than an answer). */
    public static final String FILE_TIMEOUT_OPTION = "file-timeout-seconds";

    private final MemberEndpoint endpoint;
    private final AdapterContext context;
    private final Duration fileTimeout;

    public CsvListAdapter(MemberEndpoint endpoint, AdapterContext context) {
        if (!endpoint.region().matches("[0-9]{6}")) {
            throw new IllegalArgumentException(endpoint.member() + ": csv-list needs the member's 6-digit region");
        }
        this.endpoint = endpoint;
        this.context = context;
        this.fileTimeout = Duration.ofSeconds(positive(endpoint, endpoint.options().getOrDefault(FILE_TIMEOUT_OPTION,
                "600")));
    }

    private static long positive(MemberEndpoint endpoint, String seconds) {
        try {
            long value = Long.parseLong(seconds);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(endpoint.member() + ": " + FILE_TIMEOUT_OPTION
                + " must be a positive number");
    }

    @Override
    public MemberEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public Set<Operation> operations() {
        return EnumSet.of(Operation.DAILY_LIST);
    }

    @Override
    public CompletionStage<Stream<ListEntry>> dailyList(LocalDate day, byte[] listKey) {
        CsvListConverter converter;
        try {
            converter = new CsvListConverter(endpoint.member(), endpoint.region(), listKey, context.clock());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        HttpCall get = HttpCall.get(endpoint.resolve("/lists/" + DAY.format(day) + ".csv")).header("Accept",
                "text/csv");
        if (!endpoint.credentials().id().isEmpty()) {
            String basic = endpoint.credentials().id() + ":" + endpoint.credentials().secret();
            get = get.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        Path file;
        try {
            file = Files.createTempFile("ymt-daily-list-", ".csv");
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException("no room for the daily list file", e));
        }
        String member = endpoint.member();
        return context.http().download(get.timeouts(fileTimeout, endpoint.timeout()), file).handle((status,
                failure) -> {
            try {
                if (failure != null) {
                    throw NativeCalls.asProblem(member, failure);
                }
                if (status != 200) {
                    NativeCalls.refuseServerError(member, status);
                    if (status == 401 || status == 403) {
                        throw MemberProblem.credentialsRefused(member, "HTTP " + status);
                    }
                    throw MemberProblem.badAnswer(member, "no daily list for " + day + " (HTTP " + status + ")");
                }
                // the file goes away when the stream of entries is closed
                return converter.entries(Files.newInputStream(file, StandardOpenOption.DELETE_ON_CLOSE));
            } catch (IOException e) {
                delete(file);
                throw MemberProblem.unavailable(member, "the downloaded list cannot be read", e);
            } catch (RuntimeException e) {
                delete(file);
                throw e;
            }
        });
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system's cleaning takes it
        }
    }
}
