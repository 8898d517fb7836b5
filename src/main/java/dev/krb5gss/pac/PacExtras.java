package dev.krb5gss.pac;

import dev.krb5gss.error.RejectedException;
import java.util.Optional;

/**
 * The optional buffers a DC adds since the 2021 hardening (KB5008380): PAC_ATTRIBUTES_INFO (MS-PAC
 * §2.14: FlagsLength in bits, then that many bits as ULONGs; bit 0 PAC_WAS_REQUESTED, bit 1
 * PAC_WAS_GIVEN_IMPLICITLY) and PAC_REQUESTOR (§2.15: the SID of the account that requested the
 * ticket, in its binary form, MS-DTYP §2.4.2.2). Parsed strictly when present; a service has no
 * rule to apply to them, so they are exposed, not enforced.
 */
record PacExtras(Optional<Integer> attributes, Optional<Sid> requestor) {
  /** FlagsLength of two bits is what MS-PAC defines; more is allowed up to a sane bound. */
  private static final long MAX_FLAG_BITS = 1024;
  /** A PAC with neither buffer (MIT's): one shared value. */
  private static final PacExtras NONE = new PacExtras(Optional.empty(), Optional.empty());

  static PacExtras parse(PacLayout layout) throws RejectedException {
    Optional<Integer> attributes = Optional.empty();
    int a = layout.indexOf(PacBufferType.ATTRIBUTES_INFO);
    if (a >= 0) {
      LeReader r = layout.reader(a, PacCheck.ATTRIBUTES_AND_REQUESTOR);
      long bits = r.u32Unsigned();
      long words = (bits + 31) / 32;
      if (bits == 0 || bits > MAX_FLAG_BITS || layout.size(a) != 4 + 4 * words) {
        throw r.fail("FlagsLength in [1, " + MAX_FLAG_BITS + "] bits and 4 + 4 * ceil(bits / 32)"
            + " bytes", "FlagsLength " + bits + " in " + layout.size(a) + " bytes");
      }
      attributes = Optional.of(r.u32());
    }
    Optional<Sid> requestor = Optional.empty();
    int q = layout.indexOf(PacBufferType.REQUESTOR);
    if (q >= 0) {
      LeReader r = layout.reader(q, PacCheck.ATTRIBUTES_AND_REQUESTOR);
      requestor = Optional.of(r.sid(layout.size(q), "PAC_REQUESTOR"));
    }
    return attributes.isEmpty() && requestor.isEmpty() ? NONE
        : new PacExtras(attributes, requestor);
  }
}
