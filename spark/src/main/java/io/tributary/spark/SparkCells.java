package io.tributary.spark;

import io.tributary.grid.Cell;
import io.tributary.grid.CellExecutor;
import io.tributary.grid.CellJobs;
import io.tributary.grid.CellProcess;
import io.tributary.grid.CellRun;
import io.tributary.grid.SparkExecutor;
import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Spark executor's driver, started by {@code ./msa reproduce --executor spark} as {@code java
 * @spark/target/spark-driver.args io.tributary.spark.SparkCells --master URL --cells FILE --index K
 * ...}. Each cell is one Spark job of one task, whose work is the cell's JVM on the executor that
 * runs it ({@link CellProcess}), so a cell's threads and seed are its own as under every executor;
 * {@code spark.task.cpus} is the cells' {@code threads}, so two cells never share a core. A cell
 * whose JVM failed, or whose task Spark gave up on, is submitted once more ({@link
 * CellExecutor#runTwice}), whatever the master's own task retries ({@code local[2]} and {@code
 * local[2,2]} alike). Each cell's progress and end go to standard output, one line each ({@link
 * SparkExecutor#line}); Spark's log goes to standard error.
 */
public final class SparkCells {

    private SparkCells() {}

    public static void main(String[] args) throws Exception {
        CellProcess.exitWithParentIfAsked();
        String master = null;
        Path cells = null;
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--master" -> master = args[i + 1];
                case "--cells" -> cells = Path.of(args[i + 1]);
                case "--index" -> indices.add(Integer.parseInt(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (master == null || cells == null || indices.isEmpty() || args.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "usage: SparkCells --master URL --cells FILE --index K [--index K ...]");
        }
        CellJobs jobs = CellJobs.read(cells);
        JavaSparkContext spark;
        try {
            spark = new JavaSparkContext(conf(master, jobs, indices));
        } catch (Exception e) { // SparkException, IllegalArgumentException: a bad master
            System.err.println("error: --master " + master + ": " + e.getMessage());
            System.exit(SparkExecutor.MASTER_REFUSED);
            return;
        }
        try (spark) {
            run(spark, jobs, indices);
        }
    }

    private static SparkConf conf(String master, CellJobs jobs, List<Integer> indices) {
        int cpus = indices.stream().map(jobs::cell).mapToInt(Cell::threads).max().orElseThrow();
        SparkConf conf =
                new SparkConf()
                        .setMaster(master)
                        .setAppName("tributary " + jobs.file())
                        .set("spark.task.cpus", Integer.toString(cpus))
                        .set("spark.ui.enabled", "false")
                        // a standalone worker's executors: this class path, on the shared file
                        // system
                        .set(
                                "spark.executor.extraClassPath",
                                System.getProperty("java.class.path"));
        if (onLoopback(master)) {
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    /** Whether the master is this machine: {@code local[..]}, or a cluster on the loopback. */
    private static boolean onLoopback(String master) {
        if (master.startsWith("local")) {
            return true;
        }
        String host = URI.create(master).getHost();
        return "127.0.0.1".equals(host) || "localhost".equals(host);
    }

    /** Submits every cell at once (Spark queues their tasks) and waits for them all. */
    private static void run(JavaSparkContext spark, CellJobs jobs, List<Integer> indices)
            throws Exception {
        String folder = System.getProperty("user.dir");
        CellExecutor.Listener report = new Report();
        ExecutorService submitters = Executors.newFixedThreadPool(indices.size());
        try {
            List<Future<?>> pending = new ArrayList<>();
            for (int index : indices) {
                pending.add(
                        submitters.submit(
                                () ->
                                        CellExecutor.runTwice(
                                                index,
                                                k -> task(spark, jobs.command("" + k), folder),
                                                report)));
            }
            for (Future<?> future : pending) {
                future.get();
            }
        } finally {
            submitters.shutdownNow();
        }
    }

    /** One Spark job of one task: the cell's JVM on an executor; a lost task says why. */
    private static CellProcess.Ended task(
            JavaSparkContext spark, List<String> command, String folder) {
        try {
            return spark.parallelize(List.of(0), 1)
                    .map(
                            ignored ->
                                    CellProcess.run(
                                            command,
                                            new ProcessBuilder().directory(new File(folder))))
                    .collect()
                    .get(0);
        } catch (RuntimeException e) {
            return new CellProcess.Ended(-1, "the Spark task failed: " + e.getMessage());
        }
    }

    /** Each cell's progress and end on standard output, for {@code ./msa reproduce}. */
    private static final class Report implements CellExecutor.Listener {
        @Override
        public void progress(int index, String what) {
            System.out.println(SparkExecutor.line(index, "progress", what));
        }

        @Override
        public void ended(int index, CellRun.Outcome outcome) {
            System.out.println(SparkExecutor.line(index, "ended", outcome.line()));
        }

        @Override
        public void failed(int index, String why) {
            System.out.println(SparkExecutor.line(index, "failed", why));
        }
    }
}
