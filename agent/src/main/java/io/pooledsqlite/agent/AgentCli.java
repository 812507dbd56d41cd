package io.pooledsqlite.agent;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.File;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.util.List;

/**
 * {@code java -jar pooledsqlite-agent.jar list | attach <pid> [key=value,...]}: finds running JVMs and
 * loads the agent into one. Needs a JDK (the {@code jdk.attach} module), not a bare JRE.
 */
public final class AgentCli {

  private static final String USAGE = String.join(System.lineSeparator(),
      "usage: java -jar pooledsqlite-agent.jar list",
      "       java -jar pooledsqlite-agent.jar attach <pid> [key=value,key=value,...]");

  private AgentCli() {}

  /** Runs the command and exits with 0 on success, 1 on failure, 2 on a usage error. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 1 && args[0].equals("list")) {
      return list(out);
    }
    if ((args.length == 2 || args.length == 3) && args[0].equals("attach")) {
      return attach(args[1], args.length == 3 ? args[2] : "", out, err);
    }
    err.println(USAGE);
    return 2;
  }

  private static int list(PrintStream out) {
    String self = Long.toString(ProcessHandle.current().pid());
    List<VirtualMachineDescriptor> machines = VirtualMachine.list();
    for (VirtualMachineDescriptor vm : machines) {
      if (!vm.id().equals(self)) {
        out.println(vm.id() + " " + vm.displayName());
      }
    }
    return 0;
  }

  /** Loads the agent, then reads back what it reported, so a bad option shows up here too. */
  private static int attach(String pid, String options, PrintStream out, PrintStream err) {
    try {
      VirtualMachine vm = VirtualMachine.attach(pid);
      String status;
      try {
        vm.loadAgent(agentJar(), options);
        status = vm.getSystemProperties().getProperty(PooledSqliteAgent.STATUS_PROPERTY, "no status");
      } finally {
        vm.detach();
      }
      if (status.startsWith(PooledSqliteAgent.POOLING)) {
        out.println("pooledsqlite agent in " + pid + ": " + status
            + "; connections opened from now on are pooled");
        return 0;
      }
      err.println("pooledsqlite agent in " + pid + ": " + status);
      return 1;
    } catch (Exception e) {
      err.println("pooledsqlite agent: could not attach to " + pid + ": " + e);
      return 1;
    }
  }

  private static String agentJar() throws URISyntaxException {
    return new File(AgentCli.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath();
  }
}
