package org.yimatong.adapters.csvlist;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;

import org.yimatong.adapters.spi.AdapterContext;
import org.yimatong.adapters.spi.MemberAdapter;
import org.yimatong.adapters.spi.MemberEndpoint;
import org.yimatong.adapters.spi.MemberProblem;
import org.yimatong.adapters.spi.NativeCalls;
import org.yimatong.adapters.spi.Operation;
import org.yimatong.schemas.batch.ListEntry;

/**
 * A member that publishes its daily list as a file: {@code GET <baseUrl>/lists/<yyyyMMdd>.csv} with HTTP Basic
 * authentication (the credentials), GBK CSV as {@link CsvListConverter} reads it. 401/403 are credential
 * refusals, 404 (no file for the day) and anything but 200 are bad answers. The stage completes when the
 * response headers arrive (within the endpoint's timeout); the body is then read as the stream is consumed.
 * Files dropped on disk go through {@link CsvListConverter} directly.
 */
public final class CsvListAdapter implements MemberAdapter {

    public static final String DIALECT = "csv-list";

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final MemberEndpoint endpoint;
    private final AdapterContext context;

    public CsvListAdapter(MemberEndpoint endpoint, AdapterContext context) {
        if (!endpoint.region().matches("[0-9]{6}")) {
            throw new IllegalArgumentException(endpoint.member() + ": csv-list needs the member's 6-digit region");
        }
        this.endpoint = endpoint;
        this.context = context;
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
        HttpRequest.Builder get = HttpRequest.newBuilder(endpoint.resolve("/lists/" + DAY.format(day) + ".csv"))
                .header("Accept", "text/csv")
                .GET();
        if (!endpoint.credentials().id().isEmpty()) {
            String basic = endpoint.credentials().id() + ":" + endpoint.credentials().secret();
            get.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return NativeCalls.send(context.http(), endpoint, get, HttpResponse.BodyHandlers.ofInputStream(),
                response -> {
                    int status = response.statusCode();
                    if (status != 200) {
                        close(response.body());
                        NativeCalls.refuseServerError(endpoint.member(), status);
                        if (status == 401 || status == 403) {
                            throw MemberProblem.credentialsRefused(endpoint.member(), "HTTP " + status);
                        }
                        throw MemberProblem.badAnswer(endpoint.member(),
                                "no daily list for " + day + " (HTTP " + status + ")");
                    }
                    return converter.entries(response.body());
                });
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // the answer is refused anyway
        }
    }
}
