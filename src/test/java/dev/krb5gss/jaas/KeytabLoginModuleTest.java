package dev.krb5gss.jaas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krb5gss.jaas.KeytabLoginException.Problem;
import dev.krb5gss.keytab.AcceptorKeys;
import dev.krb5gss.keytab.KeytabWriter;
import dev.krb5gss.keytab.ReloadingKeytab;
import dev.krb5gss.keytab.ServiceKeyTable;
import dev.krb5gss.name.PrincipalName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every option and every failure message of {@link KeytabLoginModule}, against keytab files. */
class KeytabLoginModuleTest {
  private static final String HTTP = "HTTP/web.example.com@EXAMPLE.COM";
  private static final String IMAP = "imap/mail.example.com@EXAMPLE.COM";
  private static final String CONF = "[libdefaults]\n default_realm = EXAMPLE.COM\n";
  private static final byte[] KEY = HexFormat.of().parseHex(
      "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

  @TempDir Path dir;
  private Path keytab;
  private ModuleRunner runner;
  private Subject subject;
  private final List<LogRecord> logs = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logs.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger jul = Logger.getLogger(KeytabLoginModule.class.getName());

  @BeforeEach
  void setUp() {
    keytab = new KeytabWriter().add(HTTP, 3, 18, KEY).add(HTTP, 3, 17).add(IMAP, 1, 18)
        .writeTo(dir.resolve("service.keytab"));
    runner = ModuleRunner.withConf(CONF);
    subject = new Subject();
    jul.addHandler(capture);
    jul.setLevel(Level.ALL);
  }

  @AfterEach
  void tearDown() {
    jul.removeHandler(capture);
    jul.setLevel(null);
  }

  private Map<String, String> opts(String... kv) {
    Map<String, String> m = new HashMap<>();
    m.put("keyTab", keytab.toString());
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] == null) {
        m.remove(kv[i]);
      } else {
        m.put(kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  private KeytabLoginModule login(Map<String, String> options) throws Exception {
    return runner.loginAndCommit(subject, options);
  }

  /** Asserts the login fails with {@code problem}, a message containing {@code parts}, and a clean Subject. */
  private void assertFails(Map<String, String> options, Problem problem, String... parts)
      throws Exception {
    KeytabLoginModule m = runner.module(subject, options);
    ThrowingCallable login = () -> {
      m.login();
      m.commit();
    };
    assertThatThrownBy(login).isInstanceOf(KeytabLoginException.class)
        .satisfies(e -> assertThat(((KeytabLoginException) e).problem()).isEqualTo(problem))
        .message().contains(parts);
    assertThat(m.commit()).isFalse();
    assertThat(m.abort()).isFalse();
    assertThat(subject.getPrincipals()).isEmpty();
    assertThat(subject.getPrivateCredentials()).isEmpty();
  }

  private static Problem problemOf(Throwable e) {
    return ((KeytabLoginException) e).problem();
  }

  // ---- what a login puts into the Subject

  @Test
  void aNamedPrincipalGetsItsPrincipalABoundKeyTabAndAcceptorKeys() throws Exception {
    login(opts("principal", HTTP));

    assertThat(subject.getPrincipals()).containsExactly(new KerberosPrincipal(HTTP));
    KeyTab kt = subject.getPrivateCredentials(KeyTab.class).iterator().next();
    assertThat(kt.isBound()).isTrue();
    assertThat(kt.getPrincipal()).isEqualTo(new KerberosPrincipal(HTTP));
    assertThat(kt.getKeys(new KerberosPrincipal(HTTP))).hasSize(2);
    AcceptorKeys keys = AcceptorKeys.in(subject).get(0);
    assertThat(keys.principals()).containsExactly(PrincipalName.parse(HTTP, null));
    assertThat(keys.admits(PrincipalName.parse(HTTP, null))).isTrue();
    assertThat(keys.admits(PrincipalName.parse(IMAP, null))).isFalse();
    assertThat(keys.keySource()).isInstanceOf(ReloadingKeytab.class);
    assertThat(((ReloadingKeytab) keys.keySource()).checkInterval())
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aNameWithoutRealmGetsTheDefaultRealmOfKrb5Conf() throws Exception {
    login(opts("principal", "HTTP/web.example.com"));

    assertThat(subject.getPrincipals()).containsExactly(new KerberosPrincipal(HTTP));
  }

  @Test
  void theJdkRealmPropertyWinsOverKrb5Conf() throws Exception {
    Path other = new KeytabWriter().add("HTTP/web.example.com@OTHER.ORG", 1, 18)
        .writeTo(dir.resolve("other.keytab"));
    runner.property("java.security.krb5.realm", "OTHER.ORG");

    login(opts("keyTab", other.toString(), "principal", "HTTP/web.example.com"));

    assertThat(subject.getPrincipals())
        .containsExactly(new KerberosPrincipal("HTTP/web.example.com@OTHER.ORG"));
  }

  @Test
  void aListOfPrincipalsGetsOneBoundKeyTabEach() throws Exception {
    login(opts("principal", HTTP + ", imap/mail.example.com"));

    assertThat(subject.getPrincipals()).containsExactlyInAnyOrder(
        new KerberosPrincipal(HTTP), new KerberosPrincipal(IMAP));
    assertThat(subject.getPrivateCredentials(KeyTab.class)).extracting(KeyTab::getPrincipal)
        .containsExactlyInAnyOrder(new KerberosPrincipal(HTTP), new KerberosPrincipal(IMAP));
  }

  @Test
  void starGetsOneUnboundKeyTabAndNoPrincipal() throws Exception {
    login(opts("principal", "*"));

    assertThat(subject.getPrincipals()).isEmpty();
    KeyTab kt = subject.getPrivateCredentials(KeyTab.class).iterator().next();
    assertThat(kt.isBound()).isFalse();
    AcceptorKeys keys = AcceptorKeys.in(subject).get(0);
    assertThat(keys.isBound()).isFalse();
    assertThat(keys.admits(PrincipalName.parse(IMAP, null))).isTrue();
  }

  @Test
  void starWithAnAllowlistBindsTheAdmittedPrincipalsForTheJdkAndFiltersForUs() throws Exception {
    login(opts("principal", "*", "allowedPrincipals", "HTTP/*"));

    assertThat(subject.getPrincipals()).containsExactly(new KerberosPrincipal(HTTP));
    assertThat(subject.getPrivateCredentials(KeyTab.class)).extracting(KeyTab::getPrincipal)
        .containsExactly(new KerberosPrincipal(HTTP));
    AcceptorKeys keys = AcceptorKeys.in(subject).get(0);
    assertThat(keys.isBound()).isFalse();
    assertThat(keys.allowedPrincipals()).hasToString("[HTTP/*@EXAMPLE.COM]");
    assertThat(keys.admits(PrincipalName.parse("HTTP/new.example.com@EXAMPLE.COM", null))).isTrue();
    assertThat(keys.admits(PrincipalName.parse(IMAP, null))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:%s", "file://%s", "FILE:%s"})
  void keyTabMayBeAFileUrlOrMitFileName(String form) throws Exception {
    login(opts("keyTab", String.format(form, keytab), "principal", HTTP));

    assertThat(subject.getPrivateCredentials(KeyTab.class)).hasSize(1);
  }

  @Test
  void keyTabFileUrlsAreDecoded() throws Exception {
    Path spaced = Files.copy(keytab, dir.resolve("with space.keytab"));

    login(opts("keyTab", spaced.toUri().toString(), "principal", HTTP));

    assertThat(((ReloadingKeytab) AcceptorKeys.in(subject).get(0).keySource()).path())
        .isEqualTo(spaced);
  }

  @Test
  void mitFileNamesAreRawPaths() throws Exception {
    Path percent = Files.copy(keytab, dir.resolve("a%20b.keytab"));

    login(opts("keyTab", "FILE:" + percent, "principal", HTTP));

    assertThat(((ReloadingKeytab) AcceptorKeys.in(subject).get(0).keySource()).path())
        .isEqualTo(percent);
  }

  @Test
  void aFileUrlWithAHostIsRefused() throws Exception {
    assertFails(opts("keyTab", "file://server/share/x.keytab", "principal", HTTP),
        Problem.INVALID_OPTION, "keyTab=file://server/share/x.keytab is not a usable file path");
  }

  @Test
  void withoutKeyTabTheDefaultKeytabNameOfKrb5ConfIsUsed() throws Exception {
    runner = ModuleRunner.withConf(CONF + " default_keytab_name = FILE:" + keytab + "\n");

    login(opts("keyTab", null, "principal", HTTP));

    assertThat(subject.getPrivateCredentials(KeyTab.class)).hasSize(1);
  }

  @Test
  void theJdkAcceptorOptionsAreAcceptedWithTheirMeaning() throws Exception {
    login(opts("principal", HTTP, "useKeyTab", "true", "storeKey", "true",
        "isInitiator", "false", "doNotPrompt", "true", "refreshKrb5Config", "true"));

    assertThat(subject.getPrivateCredentials(KeyTab.class)).hasSize(1);
  }

  @Test
  void reloadFalseUsesTheKeysReadAtLogin() throws Exception {
    login(opts("principal", HTTP, "reload", "false"));

    assertThat(AcceptorKeys.in(subject).get(0).keySource()).isInstanceOf(ServiceKeyTable.class);
  }

  @Test
  void reloadIntervalSetsTheCheckInterval() throws Exception {
    login(opts("principal", HTTP, "reloadInterval", "250"));

    assertThat(((ReloadingKeytab) AcceptorKeys.in(subject).get(0).keySource()).checkInterval())
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void debugLogsTheKeytabAtInfoWithoutKeyBytes() throws Exception {
    login(opts("principal", HTTP, "debug", "true"));

    List<String> info = messages(Level.INFO);
    assertThat(info).anySatisfy(m -> assertThat(m).contains(keytab.toString(), HTTP + " kvno 3"));
    String hex = HexFormat.of().formatHex(KEY);
    assertThat(logs).extracting(this::format).noneMatch(m -> m.toLowerCase().contains(hex)
        || m.contains(java.util.Base64.getEncoder().encodeToString(KEY)));
  }

  @Test
  void withoutDebugNothingIsLoggedAtInfo() throws Exception {
    login(opts("principal", HTTP));

    assertThat(messages(Level.INFO)).isEmpty();
    assertThat(logs).isNotEmpty();   // the same detail, at DEBUG (FINE)
  }

  @Test
  void rc4OnlyKeytabLogsInWithAllowRc4AndWarns() throws Exception {
    Path rc4 = new KeytabWriter().add(HTTP, 1, 23).writeTo(dir.resolve("rc4.keytab"));

    login(opts("keyTab", rc4.toString(), "principal", HTTP, "allowRc4", "true"));

    assertThat(subject.getPrivateCredentials(KeyTab.class)).hasSize(1);
    assertThat(messages(Level.WARNING)).anySatisfy(m ->
        assertThat(m).contains("only rc4-hmac keys for " + HTTP));
  }

  private List<String> messages(Level atLeast) {
    return logs.stream().filter(r -> r.getLevel().intValue() >= atLeast.intValue())
        .map(this::format).collect(Collectors.toList());
  }

  private String format(LogRecord r) {
    return new java.util.logging.SimpleFormatter().formatMessage(r);
  }

  // ---- option failures: each names the option

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "isInitiator, true, isInitiator=true is not supported",
      "useKeyTab, false, useKeyTab=false is not supported",
      "storeKey, false, storeKey=false is not supported",
      "doNotPrompt, false, doNotPrompt=false is not supported",
      "useTicketCache, true, useTicketCache=true is not supported",
      "ticketCache, /tmp/krb5cc_0, ticketCache is not supported",
      "renewTGT, true, renewTGT=true is not supported",
      "useFirstPass, true, takes no password",
      "tryFirstPass, true, takes no password",
      "storePass, true, takes no password",
      "clearPass, true, takes no password",
  })
  void optionsThatMakeNoSenseForAnAcceptorAreRefusedByName(String option, String value,
      String message) throws Exception {
    assertFails(opts("principal", HTTP, option, value), Problem.UNSUPPORTED_OPTION, message);
    assertThatThrownBy(() -> runner.module(subject, opts("principal", HTTP, option, value)).login())
        .satisfies(e -> assertThat(((KeytabLoginException) e).option()).contains(option));
  }

  @Test
  void unknownOptionsAreRefusedWithASpellingHint() throws Exception {
    assertFails(opts("principal", HTTP, "keytab", keytab.toString()), Problem.UNKNOWN_OPTION,
        "unknown option keytab (did you mean keyTab? option names are case-sensitive)");
    assertFails(opts("principal", HTTP, "colour", "blue"), Problem.UNKNOWN_OPTION,
        "unknown option colour; known options: [allowRc4, allowedPrincipals, debug");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource({
      "debug, yes, debug=yes is not a boolean: expected true or false",
      "reload, 1, reload=1 is not a boolean",
      "reloadInterval, -1, reloadInterval=-1 is not a number of milliseconds >= 0",
      "reloadInterval, soon, reloadInterval=soon is not a number of milliseconds",
      "principal, '*,HTTP/x', 'mixes * with names'",
      "principal, 'HTTP/a,,HTTP/b', has an empty entry",
      "keyTab, MEMORY:tab, keyTab=MEMORY:tab is not a file keytab",
  })
  void invalidValuesAreRefusedByName(String option, String value, String message)
      throws Exception {
    Map<String, String> o = opts("principal", HTTP, option, value);
    assertFails(o, Problem.INVALID_OPTION, message);
  }

  @Test
  void aMissingPrincipalSaysWhatToWrite() throws Exception {
    assertFails(opts(), Problem.NO_PRINCIPAL, "the principal option is missing",
        "or * for every principal in the keytab");
  }

  @Test
  void aNameWithoutRealmAndNoDefaultRealmSaysWhereItLooked() throws Exception {
    runner = ModuleRunner.withConf("[libdefaults]\n dns_lookup_kdc = false\n");

    assertFails(opts("principal", "HTTP/web"), Problem.NO_REALM, "principal HTTP/web has no "
        + "realm and no default realm is configured (java.security.krb5.realm is unset and "
        + "test-krb5.conf has no [libdefaults] default_realm)");
  }

  @Test
  void anUnusableKrb5ConfIsNamed() {
    KeytabLoginModule m = new KeytabLoginModule(() -> {
      throw new dev.krb5gss.config.Krb5ConfException("krb5.conf /x line 3: malformed");
    }, k -> null);
    m.initialize(subject, null, Map.of(), opts("principal", "HTTP/web"));

    assertThatThrownBy(m::login).satisfies(e -> assertThat(problemOf(e))
        .isEqualTo(Problem.BAD_KRB5_CONF)).hasMessageContaining("krb5.conf /x line 3: malformed");
  }

  // ---- a keytab rewritten in place (truncated, empty, missing) keeps its last good keys

  @Test
  void aKeytabThatWasValidKeepsItsKeysWhileRewrittenAndForAtMostAnHour() throws Exception {
    dev.krb5gss.testkit.MutableClock clock = dev.krb5gss.testkit.MutableClock.startingNow();
    LastGoodKeys.useClock(clock);
    try {
      byte[] whole = Files.readAllBytes(keytab);
      login(opts("principal", HTTP)).logout();

      Files.write(keytab, java.util.Arrays.copyOf(whole, whole.length / 2));
      login(opts("principal", HTTP)).logout();
      Files.write(keytab, new byte[0]);
      login(opts("principal", HTTP)).logout();
      Files.delete(keytab);
      login(opts("principal", HTTP)).logout();
      clock.advance(java.time.Duration.ofMinutes(61));

      assertFails(opts("principal", HTTP), Problem.KEYTAB_MISSING, "does not exist",
          "kept for 60 minutes of failures and are no longer used");

      Files.write(keytab, whole);
      login(opts("principal", HTTP)).logout();
      assertThat(logs.stream().filter(r -> r.getMessage().contains("valid again"))).hasSize(1);
    } finally {
      LastGoodKeys.useClock(java.time.Clock.systemUTC());
    }
  }

  @Test
  void aKeytabNeverValidStillFails() throws Exception {
    Path truncated = dir.resolve("never.keytab");
    byte[] whole = Files.readAllBytes(keytab);
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

    assertFails(opts("keyTab", truncated.toString(), "principal", HTTP),
        Problem.KEYTAB_MALFORMED, "is not a valid keytab");
  }

  // ---- keytab failures

  @Test
  void aMissingKeytabNamesThePathAndTheUser() throws Exception {
    Path absent = dir.resolve("absent.keytab");

    assertFails(opts("keyTab", absent.toString(), "principal", HTTP), Problem.KEYTAB_MISSING,
        "keytab " + absent + " does not exist (from keyTab option; running as user '"
            + System.getProperty("user.name") + "')");
  }

  @Test
  void aMissingDefaultKeytabSaysWhereTheDefaultCameFrom() throws Exception {
    Path absent = dir.resolve("absent.keytab");
    runner = ModuleRunner.withConf(CONF + " default_keytab_name = FILE:" + absent + "\n");

    assertFails(opts("keyTab", null, "principal", HTTP), Problem.KEYTAB_MISSING,
        "from default_keytab_name in test-krb5.conf, as the keyTab option is not set");
  }

  @Test
  void aDirectoryIsNotAKeytab() throws Exception {
    assertFails(opts("keyTab", dir.toString(), "principal", HTTP), Problem.KEYTAB_UNREADABLE,
        dir + " is a directory, not a keytab file");
  }

  @Test
  void aFileThatIsNotAKeytabSaysSo() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.keytab"), "hello");

    assertFails(opts("keyTab", junk.toString(), "principal", HTTP), Problem.KEYTAB_MALFORMED,
        junk + " is not a valid keytab (not a keytab: expected version bytes 05 02 or 05 01)");
  }

  @Test
  void aKeyOfTheWrongSizeIsAMalformedKeytab() throws Exception {
    Path bad = new KeytabWriter().add(HTTP, 1, 18, new byte[5]).writeTo(dir.resolve("bad.keytab"));

    assertFails(opts("keyTab", bad.toString(), "principal", HTTP), Problem.KEYTAB_MALFORMED,
        "must be 32 bytes, got 5");
  }

  @Test
  void aMissingPrincipalListsThoseTheKeytabHolds() throws Exception {
    assertFails(opts("principal", "HTTP/other.example.com"), Problem.PRINCIPAL_NOT_IN_KEYTAB,
        "keytab " + keytab + " holds no key for HTTP/other.example.com@EXAMPLE.COM; it holds ",
        HTTP, IMAP);
  }

  @Test
  void anEmptyKeytabSaysSo() throws Exception {
    Path empty = Files.write(dir.resolve("empty.keytab"), new byte[] {5, 2});

    assertFails(opts("keyTab", empty.toString(), "principal", "*"),
        Problem.PRINCIPAL_NOT_IN_KEYTAB, "holds no keys");
  }

  @Test
  void anAllowlistThatAdmitsNothingIsRefused() throws Exception {
    assertFails(opts("principal", "*", "allowedPrincipals", "ldap/*"),
        Problem.PRINCIPAL_NOT_ALLOWED, "allowedPrincipals [ldap/*@EXAMPLE.COM] admits none of "
            + "the principals in keytab " + keytab);
    assertFails(opts("principal", IMAP, "allowedPrincipals", "HTTP/*"),
        Problem.PRINCIPAL_NOT_ALLOWED, "principal " + IMAP + " is not admitted by "
            + "allowedPrincipals [HTTP/*@EXAMPLE.COM]");
  }

  @Test
  void rc4OnlyWithoutAllowRc4SaysHowToEnableIt() throws Exception {
    Path rc4 = new KeytabWriter().add(HTTP, 1, 23).writeTo(dir.resolve("rc4.keytab"));

    assertFails(opts("keyTab", rc4.toString(), "principal", HTTP), Problem.NO_PERMITTED_ENCTYPE,
        "holds for " + HTTP + " only rc4-hmac, which the enctype policy refuses",
        "set allowRc4=true");
  }

  @Test
  void des3OnlyIsRefusedWhateverTheOptions() throws Exception {
    Path des3 = new KeytabWriter().add(HTTP, 1, 16).writeTo(dir.resolve("des3.keytab"));

    assertFails(opts("keyTab", des3.toString(), "principal", HTTP, "allowRc4", "true"),
        Problem.NO_PERMITTED_ENCTYPE, "only des3-cbc-sha1", "give the account AES keys");
  }

  @Test
  void starNeedsAtLeastOnePrincipalWithAPermittedKey() throws Exception {
    Path mixed = new KeytabWriter().add(HTTP, 1, 16).add(IMAP, 1, 18)
        .writeTo(dir.resolve("mixed.keytab"));
    Path weak = new KeytabWriter().add(HTTP, 1, 16).writeTo(dir.resolve("weak.keytab"));

    login(opts("keyTab", mixed.toString(), "principal", "*"));
    assertThat(messages(Level.WARNING)).anySatisfy(m -> assertThat(m).contains(HTTP,
        "will not be usable"));
    subject = new Subject();
    assertFails(opts("keyTab", weak.toString(), "principal", "*"), Problem.NO_PERMITTED_ENCTYPE,
        "only des3-cbc-sha1");
  }

  @Test
  void aReadOnlySubjectIsRefusedBeforeAnythingIsRead() throws Exception {
    subject.setReadOnly();

    assertFails(opts("principal", HTTP), Problem.READ_ONLY_SUBJECT, "read-only");
  }
}
