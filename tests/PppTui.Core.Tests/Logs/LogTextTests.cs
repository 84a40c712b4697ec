namespace PppTui.Core.Tests.Logs;

public class LogTextTests
{
    [Theory]
    [InlineData("An escape sequence never reaches the terminal raw", "evil \x1b[2J\x1b]0;pwned\x07 done", "evil ^[[2J^[]0;pwned^G done")]
    [InlineData("Tabs become spaces and delete and C1 controls are spelled out", "a\tb\u007fc\u009bd", "a b^?c\\u009Bd")]
    [InlineData("Bidi overrides are spelled out so a line cannot disguise itself", "user \u202etxt.exe", "user \\u202Etxt.exe")]
    [InlineData("A clean line is kept as it is", "Nov 24 14:12:01 gw pppd[1]: Modem hangup", "Nov 24 14:12:01 gw pppd[1]: Modem hangup")]
    public void A_line_reaches_the_screen_only_as_printable_text(string rule, string line, string shown)
    {
        // The case's sentence stands in the failure next to the texts.
        Assert.Equal((rule, shown), (rule, LogText.Clean(line)));
    }

    [Fact]
    public void Invalid_utf8_bytes_are_shown_as_replacement_characters()
    {
        var clean = LogText.Clean(new byte[] { (byte)'o', (byte)'k', 0xff, 0xc3, (byte)' ', 0xc3, 0xa9 });
        Assert.Equal("ok\uFFFD\uFFFD é", clean);
    }

    [Fact]
    public void A_line_over_64_KiB_is_cut_with_a_marker_that_counts_what_was_dropped()
    {
        var line = new string('x', LogText.MaxLineLength + 1000);
        var clean = LogText.Clean(line, 0, out var truncated);
        Assert.True(truncated);
        Assert.StartsWith(new string('x', LogText.MaxLineLength), clean);
        Assert.EndsWith(" [line cut: 1000 more bytes]", clean);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        var line = new string('x', LogText.MaxLineLength - 1) + "😀" + "tail";
        var clean = LogText.Clean(line);
        Assert.False(char.IsHighSurrogate(clean[LogText.MaxLineLength - 2 + 1]) && !char.IsLowSurrogate(clean[LogText.MaxLineLength]));
        Assert.DoesNotContain("\uD83D [", clean);
    }

    [Fact]
    public void Any_bytes_at_all_come_out_printable_and_bounded()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            var clean = LogText.Clean(bytes);
            foreach (var c in clean)
            {
                Assert.False(c < ' ', $"control U+{(int)c:X4} in output");
                Assert.False(c is >= '\x7f' and <= '\x9f', $"C1/DEL U+{(int)c:X4} in output");
                Assert.False(c is >= '\u202a' and <= '\u202e' or >= '\u2066' and <= '\u2069', "bidi control in output");
            }
            Assert.True(clean.Length <= LogText.MaxLineLength + 64);
        });
    }

    [Fact]
    public void Any_string_round_trips_when_it_is_already_printable()
    {
        Gen.String[Gen.Char['a', 'z'], 0, 80].Sample(s => Assert.Equal(s, LogText.Clean(s)));
    }
}
