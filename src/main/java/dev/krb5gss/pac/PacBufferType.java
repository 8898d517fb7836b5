package dev.krb5gss.pac;

/** The ulType values of PAC_INFO_BUFFER this library names (MS-PAC §2.4). */
final class PacBufferType {
  static final int LOGON_INFO = 1;
  static final int CREDENTIALS_INFO = 2;
  static final int SERVER_CHECKSUM = 6;
  static final int PRIVSVR_CHECKSUM = 7;
  static final int CLIENT_INFO = 10;
  static final int CONSTRAINED_DELEGATION = 11;
  static final int UPN_DNS_INFO = 12;
  static final int CLIENT_CLAIMS = 13;
  static final int DEVICE_INFO = 14;
  static final int DEVICE_CLAIMS = 15;
  static final int TICKET_CHECKSUM = 16;
  static final int ATTRIBUTES_INFO = 17;
  static final int REQUESTOR = 18;
  static final int FULL_CHECKSUM = 19;

  private PacBufferType() {}

  /** Types with at most one buffer per PAC (every type MS-PAC defines). */
  static boolean isSingleton(int type) {
    return type >= LOGON_INFO && type <= FULL_CHECKSUM && type != 3 && type != 4 && type != 5
        && type != 8 && type != 9;
  }

  static String name(int type) {
    switch (type) {
      case LOGON_INFO: return "KERB_VALIDATION_INFO(1)";
      case CREDENTIALS_INFO: return "PAC_CREDENTIAL_INFO(2)";
      case SERVER_CHECKSUM: return "server checksum(6)";
      case PRIVSVR_CHECKSUM: return "KDC checksum(7)";
      case CLIENT_INFO: return "PAC_CLIENT_INFO(10)";
      case CONSTRAINED_DELEGATION: return "S4U_DELEGATION_INFO(11)";
      case UPN_DNS_INFO: return "UPN_DNS_INFO(12)";
      case TICKET_CHECKSUM: return "ticket checksum(16)";
      case FULL_CHECKSUM: return "full PAC checksum(19)";
      case ATTRIBUTES_INFO: return "PAC_ATTRIBUTES_INFO(17)";
      case REQUESTOR: return "PAC_REQUESTOR(18)";
      default: return "buffer type " + Integer.toUnsignedString(type);
    }
  }
}
