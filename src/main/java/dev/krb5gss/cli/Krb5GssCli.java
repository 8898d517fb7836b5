package dev.krb5gss.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code krb5gss}: the entry point of the command jar. Subcommands {@link KeytabCommand},
 * {@link CheckCommand} and {@link ExplainCommand}; exit status 0 when the check passes, 1 when it
 * fails, 2 for a usage error.
 */
@Command(name = "krb5gss", mixinStandardHelpOptions = true, versionProvider = Krb5GssCli.Version.class,
    description = "Diagnoses a Kerberos (SPNEGO/Negotiate) deployment with krb5gss's acceptor.",
    subcommands = {KeytabCommand.class, CheckCommand.class, ExplainCommand.class,
        CommandLine.HelpCommand.class})
public final class Krb5GssCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /** Runs the command with these streams (for tests and embedding); returns the exit status. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Krb5GssCli());
    cl.setExpandAtFiles(false); // @FILE is explain's token file, not an argument file
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("krb5gss: " + e.getMessage());
      return 2;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "expected a command: keytab, check or explain");
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Krb5GssCli.class.getPackage().getImplementationVersion();
      return new String[] {"krb5gss " + (v == null ? "(development build)" : v)};
    }
  }
}
