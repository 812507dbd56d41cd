package io.pooledsqlite.bench;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What can run here: every benchmark class JMH generated, and for each its {@code peer} values minus the
 * contenders that cannot open a database on this machine or build (checked once, with the reason logged).
 */
public final class BenchmarkCatalog {

    private static final System.Logger LOG = System.getLogger(BenchmarkCatalog.class.getName());

    private final List<String> unavailablePeers = new ArrayList<>();
    private final List<String> reasons = new ArrayList<>();

    private BenchmarkCatalog() {
    }

    /** Probes the optional contenders (today: pooledsqlite on the wasm engine). */
    public static BenchmarkCatalog probe() {
        BenchmarkCatalog catalog = new BenchmarkCatalog();
        Peer optional = Peer.POOLEDSQLITE_WASM;
        try (ScratchDatabase db = ScratchDatabase.create("probe")) {
            Schema.createCounters(db.file(), 1);
            optional.open(db.file(), Map.of()).close();
        } catch (PeerUnavailableException e) {
            catalog.unavailablePeers.add(optional.label());
            catalog.reasons.add(e.getMessage());
            LOG.log(System.Logger.Level.WARNING, e.getMessage());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the probe database", e);
        }
        return catalog;
    }

    /** Human-readable reasons for every skipped contender. */
    public List<String> skipped() {
        return List.copyOf(reasons);
    }

    /** Fully qualified names of all benchmark classes in the generated JMH list. */
    public static SortedSet<String> benchmarkClasses() {
        SortedSet<String> classes = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())) {
            classes.add(e.getUserClassQName());
        }
        return classes;
    }

    /** The class's declared {@code peer} values that can run here; empty if it has no peer parameter. */
    public Optional<String[]> runnablePeers(String benchmarkClass) {
        try {
            Param param = Class.forName(benchmarkClass).getField("peer").getAnnotation(Param.class);
            return Optional.of(java.util.Arrays.stream(param.value())
                    .filter(p -> !unavailablePeers.contains(p))
                    .toArray(String[]::new));
        } catch (NoSuchFieldException e) {
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("benchmark list names a missing class " + benchmarkClass, e);
        }
    }
}
