package dev.krb5gss.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** NTLM messages as a browser that fell back sends them (MS-NLMP §2.2.1.1). */
final class NtlmMessages {
  private NtlmMessages() {}

  /**
   * A NEGOTIATE_MESSAGE: signature, MessageType 1, NegotiateFlags (UNICODE, OEM, REQUEST_TARGET,
   * NTLM, ALWAYS_SIGN, EXTENDED_SESSIONSECURITY, VERSION, 128, 56), empty domain and workstation
   * fields, and a Version (10.0 build 19041, NTLMSSP revision 15).
   */
  static byte[] negotiate() {
    ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
    b.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII));
    b.putInt(1);
    b.putInt(0xa2088207);
    b.putLong(0); // DomainNameFields
    b.putLong(0); // WorkstationFields
    b.put((byte) 10).put((byte) 0).putShort((short) 19041).put(new byte[] {0, 0, 0}).put((byte) 15);
    return b.array();
  }
}
