package cn.hotline12345.pbxsim.ami;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The eventfilter parser and matcher against Asterisk 22's own unit tests: the tables {@code parsing_filter_tests}
 * and {@code filters_for_matching} / {@code events_for_matching} of main/manager.c (branch 22), copied row by row.
 */
class EventFilterTest {
  static final String NEWCHANNEL = "Event: Newchannel\r\nChannel: XXX\r\nSomeheader: YYY\r\n";
  static final String VARSET = "Event: VarSet\r\nChannel: ABC\r\nSomeheader: XXX\r\n";

  /** An event from a test payload: its headers, and the payload itself as the whole text. */
  static AmiMessage event(String payload) {
    AmiMessage m = new AmiMessage();
    for (String line : payload.split("\r\n")) {
      int c = line.indexOf(':');
      m.add(line.substring(0, c), line.substring(c + 1).strip());
    }
    return m;
  }

  static Stream<Arguments> parsingFilterTests() {
    return Stream.of(
        // Valid filters: criteria, filter, result, exclude, event, should_send
        Arguments.of("eventfilter", "XXX", EventFilter.Result.SUCCESS, false, NEWCHANNEL, true),
        Arguments.of("eventfilter", "!XXX", EventFilter.Result.SUCCESS, true, VARSET, false),
        Arguments.of("eventfilter(name(VarSet),method(none))", "", EventFilter.Result.SUCCESS, false, VARSET, true),
        Arguments.of("eventfilter(name(Newchannel),method(regex))", "X[XYZ]X", EventFilter.Result.SUCCESS, false,
            NEWCHANNEL, true),
        Arguments.of("eventfilter(name(Newchannel),method(regex))", "X[abc]X", EventFilter.Result.SUCCESS, false,
            NEWCHANNEL, false),
        Arguments.of("eventfilter(action(exclude),name(Newchannel),method(regex))", "X[XYZ]X",
            EventFilter.Result.SUCCESS, true, NEWCHANNEL, false),
        Arguments.of("eventfilter(action(exclude),name(Newchannel),method(regex))", "X[abc]X",
            EventFilter.Result.SUCCESS, true, NEWCHANNEL, true),
        Arguments.of("eventfilter(action(include),name(VarSet),header(Channel),method(starts_with))", "AB",
            EventFilter.Result.SUCCESS, false, VARSET, true),
        Arguments.of("eventfilter(action(include),name(VarSet),header(Channel),method(ends_with))", "BC",
            EventFilter.Result.SUCCESS, false, VARSET, true),
        Arguments.of("eventfilter(action(include),name(VarSet),header(Channel),method(exact))", "ABC",
            EventFilter.Result.SUCCESS, false, VARSET, true),
        Arguments.of("eventfilter(action(include),name(VarSet),header(Channel),method(exact))", "XXX",
            EventFilter.Result.SUCCESS, false, VARSET, false),
        Arguments.of("eventfilter(name(VarSet),header(Channel),method(exact))", "!ZZZ", EventFilter.Result.SUCCESS,
            true, VARSET, true),
        Arguments.of("eventfilter(action(exclude),name(VarSet),header(Channel),method(exact))", "ZZZ",
            EventFilter.Result.SUCCESS, true, VARSET, true),
        Arguments.of("eventfilter(action(include),name(VarSet),header(Someheader),method(exact))", "!XXX",
            EventFilter.Result.SUCCESS, false, VARSET, true),
        // Invalid filters
        Arguments.of("eventfilter(action(include)", "", EventFilter.Result.FORMAT_ERROR, false, null, false),
        Arguments.of("eventfilter(action(inlude)", "", EventFilter.Result.FORMAT_ERROR, false, null, false),
        Arguments.of("eventfilter(nnnn(yyy)", "XXX", EventFilter.Result.FORMAT_ERROR, false, null, false),
        Arguments.of("eventfilter(eader(VarSet)", "XXX", EventFilter.Result.FORMAT_ERROR, false, null, false),
        Arguments.of("eventfilter(ethod(contains)", "XXX", EventFilter.Result.FORMAT_ERROR, false, null, false),
        Arguments.of("eventfilter(nnnn(yyy),header(VarSet),method(contains)", "XXX", EventFilter.Result.FORMAT_ERROR,
            false, null, false),
        Arguments.of("eventfilter(name(yyy),heder(VarSet),method(contains)", "XXX", EventFilter.Result.FORMAT_ERROR,
            false, null, false),
        Arguments.of("eventfilter(name(yyy),header(VarSet),mehod(contains)", "XXX", EventFilter.Result.FORMAT_ERROR,
            false, null, false),
        Arguments.of("eventfilter(name(yyy),header(VarSet),method(coains)", "XXX", EventFilter.Result.FORMAT_ERROR,
            false, null, false),
        Arguments.of("eventfilter(method(yyy))", "XXX", EventFilter.Result.FORMAT_ERROR, false, null, false),
        Arguments.of("eventfilter", "", EventFilter.Result.FORMAT_ERROR, false, null, false),
        Arguments.of("eventfilter", "!", EventFilter.Result.FORMAT_ERROR, false, null, false),
        Arguments.of("eventfilter()", "XXX", EventFilter.Result.FORMAT_ERROR, false, null, false),
        Arguments.of("eventfilter", "XX[X", EventFilter.Result.COMPILE_FAIL, false, null, false),
        Arguments.of("eventfilter(method(regex))", "XX[X", EventFilter.Result.COMPILE_FAIL, false, null, false));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("parsingFilterTests")
  void asteriskParsingFilterTests(String criteria, String filter, EventFilter.Result result, boolean exclude,
      String payload, boolean send) {
    EventFilter.Parsed p = EventFilter.parse(criteria, filter);
    assertThat(p.result()).as(p.message()).isEqualTo(result);
    if (result != EventFilter.Result.SUCCESS) {
      assertThat(p.filter()).isNull();
      assertThat(p.message()).isNotBlank();
      return;
    }
    assertThat(p.filter().exclude()).isEqualTo(exclude);
    EventFilters fs = new EventFilters();
    fs.add(p.filter());
    assertThat(fs.shouldSend(event(payload), payload)).isEqualTo(send);
  }

  static Stream<Arguments> eventsForMatching() {
    return Stream.of(
        Arguments.of("Event: Newchannel\r\nChannel: XXX\r\nSomeheader: YYY\r\n", true),
        Arguments.of("Event: Newchannel\r\nChannel: XZX\r\nSomeheader: YYY\r\n", false),
        Arguments.of("Event: Newchannel\r\nChannel: XaX\r\nSomeheader: YYY\r\n", false),
        Arguments.of("Event: Newchannel\r\nChannel: XbX\r\nSomeheader: YYY\r\n", true),
        Arguments.of("Event: Newchannel\r\nChannel: XcX\r\nSomeheader: YYY\r\n", true),
        Arguments.of("Event: Newchannel\r\nChannel: YYY\r\nSomeheader: YYY\r\n", false),
        Arguments.of("Event: Newchannel\r\nChannel: YYY\r\nSomeheader: ZZZ\r\n", true),
        Arguments.of("Event: VarSet\r\nChannel: XXX\r\nSomeheader: YYY\r\n", true),
        Arguments.of("Event: VarSet\r\nChannel: YYY\r\nSomeheader: YYY\r\n", false));
  }

  /** filters_for_matching: includes and excludes together; an include must match, then no exclude may. */
  @ParameterizedTest
  @MethodSource("eventsForMatching")
  void asteriskEventfilterTestMatching(String payload, boolean send) {
    String[][] filters = {
        {"eventfilter(name(VarSet),method(none))", ""},
        {"eventfilter(name(Newchannel),method(regex))", "X[XYZ]X"},
        {"eventfilter(name(Newchannel),method(regex))", "X[abc]X"},
        {"eventfilter(name(Newchannel),header(Someheader),method(regex))", "ZZZ"},
        {"eventfilter(action(exclude),name(Newchannel),method(regex))", "X[a]X"},
        {"eventfilter(action(exclude),name(Newchannel),method(regex))", "X[Z]X"},
        {"eventfilter(action(exclude),name(VarSet),header(Channel),method(regex))", "YYY"}};
    EventFilters fs = new EventFilters();
    for (String[] f : filters) {
      EventFilter.Parsed p = EventFilter.parse(f[0], f[1]);
      assertThat(p.result()).isEqualTo(EventFilter.Result.SUCCESS);
      fs.add(p.filter());
    }
    assertThat(fs.shouldSend(event(payload), payload)).isEqualTo(send);
  }

  @Test
  void headerNamesAndEventNamesAreCaseSensitiveAndEmptyValuesNeverMatch() {
    EventFilters byHeader = filters("eventfilter(action(include),name(VarSet),header(variable),method(starts_with))",
        "HOTLINE_");
    String ev = "Event: VarSet\r\nVariable: HOTLINE_QUEUE\r\nValue: q\r\n";
    assertThat(byHeader.shouldSend(event(ev), ev)).isFalse(); // "Variable:" does not begin with "variable:"
    EventFilters byName = filters("eventfilter(action(include),name(varset))", "");
    assertThat(byName.shouldSend(event(ev), ev)).isFalse();
    EventFilters anyValue = filters("eventfilter(action(include),header(Value),method(regex))", ".*");
    String empty = "Event: VarSet\r\nVariable: X\r\nValue: \r\n";
    assertThat(anyValue.shouldSend(event(empty), empty)).isFalse(); // ast_strlen_zero(line): skipped
  }

  @Test
  void aLegacyRegexSearchesTheWholeEventTextUnanchored() {
    EventFilters legacy = filters("eventfilter", "Variable: HOTLINE_");
    String hot = "Event: VarSet\r\nPrivilege: dialplan,all\r\nVariable: HOTLINE_QUEUE\r\n";
    String other = "Event: VarSet\r\nPrivilege: dialplan,all\r\nVariable: QUEUEPOSITION\r\n";
    assertThat(legacy.shouldSend(event(hot), hot)).isTrue();
    assertThat(legacy.shouldSend(event(other), other)).isFalse();
    // ^ anchors at the start of the whole event (no REG_NEWLINE), not at each line
    EventFilters anchored = filters("eventfilter", "^Variable: HOTLINE_");
    assertThat(anchored.shouldSend(event(hot), hot)).isFalse();
  }

  @Test
  void posixRegexesAreReadAsGlibcReadsThem() {
    assertThat(EventFilter.parse("eventfilter", "[[:digit:]]+").result()).isEqualTo(EventFilter.Result.SUCCESS);
    EventFilters digits = filters("eventfilter(action(include),header(Value),method(regex))", "^[[:digit:]]+$");
    String num = "Event: VarSet\r\nValue: 42\r\n";
    String txt = "Event: VarSet\r\nValue: 4a\r\n";
    assertThat(digits.shouldSend(event(num), num)).isTrue();
    assertThat(digits.shouldSend(event(txt), txt)).isFalse();
    // \d is not POSIX: glibc matches a literal 'd'
    EventFilters d = filters("eventfilter(action(include),header(Value),method(regex))", "^\\d$");
    String dee = "Event: VarSet\r\nValue: d\r\n";
    assertThat(d.shouldSend(event(num), num)).isFalse();
    assertThat(d.shouldSend(event(dee), dee)).isTrue();
    // lookahead does not exist in ERE: the filter does not compile (and is ignored)
    assertThat(EventFilter.parse("eventfilter(name(VarSet),header(Variable),method(regex))", "^(?!HOTLINE_)")
        .result()).isEqualTo(EventFilter.Result.COMPILE_FAIL);
    // a backslash inside brackets is literal in POSIX
    EventFilters bs = filters("eventfilter(action(include),header(Value),method(regex))", "^[\\n]$");
    String n = "Event: VarSet\r\nValue: n\r\n";
    String slash = "Event: VarSet\r\nValue: \\\r\n";
    assertThat(bs.shouldSend(event(n), n)).isTrue();
    assertThat(bs.shouldSend(event(slash), slash)).isTrue();
  }

  @Test
  void containsAndMethodNoneWithAPatternIsRefused() {
    assertThat(EventFilter.parse("eventfilter(name(VarSet),method(none))", "x").result())
        .isEqualTo(EventFilter.Result.FORMAT_ERROR);
    assertThat(EventFilter.parse("eventfilter(name(VarSet),method(contains))", "").result())
        .isEqualTo(EventFilter.Result.FORMAT_ERROR);
    EventFilters c = filters("eventfilter(action(include),name(VarSet),header(Variable),method(contains))", "LINE");
    String ev = "Event: VarSet\r\nVariable: HOTLINE_X\r\n";
    assertThat(c.shouldSend(event(ev), ev)).isTrue();
  }

  static EventFilters filters(String criteria, String pattern) {
    EventFilter.Parsed p = EventFilter.parse(criteria, pattern);
    assertThat(p.result()).as(p.message()).isEqualTo(EventFilter.Result.SUCCESS);
    EventFilters fs = new EventFilters();
    fs.add(p.filter());
    return fs;
  }
}
