package io.deltastream.app;

import io.deltastream.platform.service.RunningService;
import io.deltastream.platform.service.Service;
import io.deltastream.platform.service.ServiceMain;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The {@code deltastream} command (the {@code ./deltastream} script builds and then runs this). */
@Command(name = "deltastream", mixinStandardHelpOptions = true, version = "DeltaStream 0.1.0",
        description = "Real-time options analytics and paper trading.",
        subcommands = {DeltaStream.Run.class, DeltaStream.ServiceCommand.class, ClusterCommand.class, DeadLetterCommand.class, HealthCommand.class,
            CommandLine.HelpCommand.class})
public final class DeltaStream implements Callable<Integer> {
    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new DeltaStream());
    }

    @Command(name = "run", description = "Start the whole platform in one JVM (embedded mode: no Redis or MongoDB needed).")
    static final class Run implements Callable<Integer> {
        @Override
        public Integer call() {
            ServiceMain.run(ServiceCatalog.all(), true, Run::printUrls);
            return 0;
        }

        private static void printUrls(List<RunningService> services) {
            PrintStream out = System.out;
            out.println();
            out.println("DeltaStream is running (embedded mode). Press Ctrl-C to stop.");
            for (RunningService s : services) {
                out.printf("  %-16s %s%n", s.name(), s.baseUrl());
            }
            out.println("  API docs         http://localhost:" + services.getLast().port() + "/api/docs/ui");
            out.println();
            out.flush();
        }
    }

    @Command(name = "service", description = "Start one service alone, configured from the environment (distributed mode).")
    static final class ServiceCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "One of: ${COMPLETION-CANDIDATES}",
                completionCandidates = Names.class)
        String name;

        @Override
        public Integer call() {
            Service service = ServiceCatalog.byName(name).orElseThrow(() -> new CommandLine.ParameterException(
                    new CommandLine(this), "Unknown service '" + name + "'. Known: " + String.join(", ", ServiceCatalog.names())));
            ServiceMain.runStandalone(service);
            return 0;
        }
    }

    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ServiceCatalog.names().iterator();
        }
    }
}
