package org.yimatong.conformance.catalogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yimatong.conformance.engine.Plan;
import org.yimatong.conformance.engine.TestDefinition;

/**
 * The requirements catalogue: {@code requirements.csv} on the classpath, columns
 * {@code id,text,level,actor,plan,untestable_reason} (RFC 4180 quoting), level {@code SHALL|SHOULD}, actor and plan
 * {@code member|hub|both}. A malformed row is refused when loading, naming its line.
 */
public final class RequirementsCatalogue {

    public static final String RESOURCE = "/requirements.csv";
    static final List<String> HEADER = List.of("id", "text", "level", "actor", "plan", "untestable_reason");

    private final Map<String, Requirement> byId;

    private RequirementsCatalogue(Map<String, Requirement> byId) {
        this.byId = byId;
    }

    /** The catalogue shipped with the suite. */
    public static RequirementsCatalogue load() {
        try (InputStream in = RequirementsCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the line of the first malformed row
     */
    public static RequirementsCatalogue parse(Reader csv) throws IOException {
        List<List<String>> rows = Csv.read(new BufferedReader(csv));
        if (rows.isEmpty() || !rows.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("the first line must be " + String.join(",", HEADER));
        }
        Map<String, Requirement> byId = new LinkedHashMap<>();
        for (int i = 1; i < rows.size(); i++) {
            Requirement r = row(rows.get(i), i + 1);
            if (byId.put(r.id(), r) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + ": " + r.id() + " appears twice");
            }
        }
        return new RequirementsCatalogue(byId);
    }

    public Optional<Requirement> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Requirement> all() {
        return List.copyOf(byId.values());
    }

    private static Requirement row(List<String> cells, int line) {
        if (cells.size() != HEADER.size()) {
            throw new IllegalArgumentException("line " + line + ": " + cells.size() + " columns, expected "
                    + HEADER.size());
        }
        String id = cells.get(0);
        if (!TestDefinition.REQUIREMENT.matcher(id).matches()) {
            throw new IllegalArgumentException("line " + line + ": " + id + " is not a REQ-<AREA>-<N> id");
        }
        if (cells.get(1).isBlank()) {
            throw new IllegalArgumentException("line " + line + ": " + id + " has no text");
        }
        Requirement.Level level = parseEnum(Requirement.Level.class, cells.get(2).toUpperCase(Locale.ROOT), line,
                "level SHALL or SHOULD");
        Requirement.Actor actor = parseEnum(Requirement.Actor.class, cells.get(3).toUpperCase(Locale.ROOT), line,
                "actor member, hub or both");
        Set<Plan> plans = switch (cells.get(4)) {
            case "member" -> EnumSet.of(Plan.MEMBER);
            case "hub" -> EnumSet.of(Plan.HUB);
            case "both" -> EnumSet.of(Plan.MEMBER, Plan.HUB);
            default -> throw new IllegalArgumentException("line " + line + ": plan member, hub or both");
        };
        String reason = cells.get(5).trim();
        return new Requirement(id, cells.get(1), level, actor, plans,
                reason.isEmpty() ? Optional.empty() : Optional.of(reason));
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, int line, String expected) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("line " + line + ": " + expected + ", got " + value);
        }
    }

    /** RFC 4180 reading: quoted cells may hold commas, doubled quotes and line breaks. */
    static final class Csv {

        private Csv() {
        }

        static List<List<String>> read(BufferedReader in) throws IOException {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int c;
            while ((c = in.read()) != -1) {
                char ch = (char) c;
                any = true;
                if (quoted) {
                    if (ch == '"') {
                        in.mark(1);
                        int next = in.read();
                        if (next == '"') {
                            cell.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                in.reset();
                            }
                        }
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (ch == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    any = false;
                } else if (ch != '\r') {
                    cell.append(ch);
                }
            }
            if (any) {
                row.add(cell.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
