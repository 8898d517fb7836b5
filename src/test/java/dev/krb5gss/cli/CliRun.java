package dev.krb5gss.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the krb5gss command: its exit status and what it printed. */
record CliRun(int exit, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Krb5GssCli.run(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
  }
}
