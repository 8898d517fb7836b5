package dev.krb5gss.web;

import dev.krb5gss.testkit.JdkInitiator;

/** The contract's token builders, for the drop-in tests in the adapter packages. */
public final class NegotiateAdapterContractAccess {
  private NegotiateAdapterContractAccess() {}

  public static String negotiate(byte[] token) {
    return NegotiateAdapterContract.negotiate(token);
  }

  public static byte[] ntlmNegotiate() {
    return NegotiateAdapterContract.NTLM_NEGOTIATE.clone();
  }

  public static byte[] ntlmOnlyOffer() {
    return NegotiateAdapterContract.ntlmOnlyOffer();
  }

  public static byte[] ntlmFirstOffer() {
    return NegotiateAdapterContract.ntlmFirstOffer();
  }

  public static byte[] secondLeg(JdkInitiator init) throws Exception {
    return NegotiateAdapterContract.secondLeg(init);
  }
}
