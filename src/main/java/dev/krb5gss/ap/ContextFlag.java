package dev.krb5gss.ap;

import java.util.EnumSet;
import java.util.Set;

/**
 * GSS-API context flags as carried in the Flags field of the RFC 4121 §4.1.1 checksum (bit values
 * from RFC 2744 §3.13 / RFC 4121 §4.1.1.1).
 */
public enum ContextFlag {
  DELEG(1), MUTUAL(2), REPLAY(4), SEQUENCE(8), CONF(16), INTEG(32);

  private static final ContextFlag[] ALL = values();

  private final int bit;

  ContextFlag(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  /** The flags set in {@code bits}; unknown bits are ignored. */
  public static Set<ContextFlag> fromBits(int bits) {
    Set<ContextFlag> set = EnumSet.noneOf(ContextFlag.class);
    for (ContextFlag f : ALL) {
      if ((bits & f.bit) != 0) {
        set.add(f);
      }
    }
    return set;
  }
}
