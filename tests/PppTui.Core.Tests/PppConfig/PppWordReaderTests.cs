namespace PppTui.Core.Tests.PppConfig;

public class PppWordReaderTests
{
    private static string[] Values(string text) => PppWordReader.ReadWords(text).Select(w => w.Value).ToArray();

    [Fact]
    public void Words_split_on_spaces_tabs_and_line_breaks()
    {
        Assert.Equal(["mtu", "1400", "noauth", "debug"], Values("mtu 1400\tnoauth\n  debug\n"));
    }

    [Fact]
    public void Carriage_returns_vertical_tabs_and_form_feeds_are_white_space()
    {
        Assert.Equal(["a", "b", "c", "d"], Values("a\r\nb\vc\fd\r\n"));
    }

    [Fact]
    public void A_quoted_part_joins_the_text_around_it_into_one_word()
    {
        var word = Assert.Single(PppWordReader.ReadWords("te\"st\"1"));
        Assert.Equal("test1", word.Value);
        Assert.True(word.WasQuoted);
        Assert.Equal(0, word.Start);
        Assert.Equal(7, word.End);
    }

    [Fact]
    public void Single_and_double_quotes_both_quote_and_hold_the_other_kind()
    {
        Assert.Equal(["it's", "say \"hi\""], Values("\"it's\" 'say \"hi\"'"));
    }

    [Fact]
    public void Quoted_white_space_and_hash_stay_in_the_word()
    {
        Assert.Equal(["pptp host --nolaunchpppd ", "a#b"], Values("\"pptp host --nolaunchpppd \" 'a#b'"));
    }

    [Fact]
    public void A_hash_starts_a_comment_even_in_the_middle_of_a_word()
    {
        Assert.Equal(["vpn", "next"], Values("vpn#x still comment\nnext"));
    }

    [Fact]
    public void A_comment_runs_to_the_end_of_the_line_only()
    {
        Assert.Equal(["a", "b"], Values("# comment \"with quote\na # trailing\n#\nb"));
    }

    [Theory]
    [InlineData("Backslash escapes work outside quotes", "\\a", "\a")]
    [InlineData("Backslash escapes work outside quotes", "\\b", "\b")]
    [InlineData("Backslash escapes work outside quotes", "\\f", "\f")]
    [InlineData("Backslash escapes work outside quotes", "\\n", "\n")]
    [InlineData("Backslash escapes work outside quotes", "\\r", "\r")]
    [InlineData("Backslash escapes work outside quotes", "\\s", " ")]
    [InlineData("Backslash escapes work outside quotes", "\\t", "\t")]
    [InlineData("Backslash escapes work outside quotes", "x\\\\y", "x\\y")]
    [InlineData("Backslash escapes work outside quotes", "\\\"q\\'", "\"q'")]
    [InlineData("Backslash escapes work outside quotes", "a\\ b", "a b")]
    [InlineData("Backslash escapes work outside quotes", "a\\#b", "a#b")]
    [InlineData("Backslash escapes work outside quotes", "\\z\\.", "z.")]
    [InlineData("Backslash escapes work inside quotes", "\"\\t\\s\\\\\"", "\t \\")]
    [InlineData("Backslash escapes work inside quotes", "'a\\'b'", "a'b")]
    [InlineData("Backslash escapes work inside quotes", "\"a\\\"b\"", "a\"b")]
    [InlineData("Backslash escapes work inside quotes", "\"\\101\\x42\"", "AB")]
    [InlineData("Octal escapes take at most three octal digits", "\\101", "A")]
    [InlineData("Octal escapes take at most three octal digits", "\\1011", "A1")]
    [InlineData("Octal escapes take at most three octal digits", "\\18", "\u0001" + "8")]
    [InlineData("Octal escapes take at most three octal digits", "\\060x", "0x")]
    [InlineData("Hex escapes take at most two hex digits", "\\x41", "A")]
    [InlineData("Hex escapes take at most two hex digits", "\\x414", "A4")]
    [InlineData("Hex escapes take at most two hex digits", "\\x4g", "\u0004g")]
    [InlineData("Hex escapes take at most two hex digits", "\\x6A", "j")]
    public void An_escape_reads_as_pppd_reads_it(string rule, string raw, string value)
    {
        // The case's sentence stands in the failure next to the words.
        Assert.Equal((rule, value), (rule, Assert.Single(Values(raw))));
    }

    [Fact]
    public void Escaped_bytes_are_decoded_as_utf8()
    {
        Assert.Equal(["Пароль"], Values("\\xd0\\x9f\\320\\260\\xd1\\x80\\xd0\\xbe\\xd0\\xbb\\xd1\\x8c"));
    }

    [Fact]
    public void A_hex_escape_without_digits_is_a_nul_that_ends_the_value()
    {
        var read = PppWordReader.Read("ab\\x41\\xzz next");
        Assert.Equal(["abA", "next"], read.Words.Select(w => w.Value));
        Assert.Contains(read.Problems, p => p.Message.Contains("NUL"));
    }

    [Fact]
    public void An_escaped_byte_that_is_not_valid_utf8_becomes_a_replacement_character()
    {
        Assert.Equal(["ab\uFFFD"], Values("ab\\xcd"));
    }

    [Fact]
    public void Backslash_newline_continues_a_word_and_is_ignored_between_words()
    {
        Assert.Equal(["abcdef", "next"], Values("abc\\\ndef \\\n next"));
    }

    [Fact]
    public void In_a_crlf_file_a_backslash_before_the_line_break_escapes_the_carriage_return()
    {
        Assert.Equal(["abc\r", "def"], Values("abc\\\r\ndef\r\n"));
    }

    [Fact]
    public void A_word_can_start_with_an_escape()
    {
        var word = Assert.Single(PppWordReader.ReadWords("  \\#hash"));
        Assert.Equal("#hash", word.Value);
        Assert.Equal(2, word.Start);
    }

    [Fact]
    public void Non_ascii_letters_are_ordinary_word_characters()
    {
        Assert.Equal(["пароль", "密码", "naïve\u00a0x", "🔑"], Values("пароль 密码 naïve\u00a0x 🔑"));
    }

    [Fact]
    public void Spans_and_lines_cover_the_raw_word()
    {
        const string text = "a\n  'q w'x # c\r\n\"multi\nline\" z";
        var words = PppWordReader.ReadWords(text);
        Assert.Equal(["a", "q wx", "multi\nline", "z"], words.Select(w => w.Value));
        Assert.Equal(["a", "'q w'x", "\"multi\nline\"", "z"], words.Select(w => w.RawIn(text)));
        Assert.Equal([1, 2, 3, 4], words.Select(w => w.Line));
        Assert.Equal([1, 2, 4, 4], words.Select(w => w.EndLine));
        Assert.Equal([false, true, true, false], words.Select(w => w.AfterNewline));
    }

    [Fact]
    public void An_empty_quoted_word_is_a_word_unless_it_ends_the_file()
    {
        Assert.Equal(["user", ""], Values("user \"\"\n"));
        var read = PppWordReader.Read("user \"\"");
        Assert.Equal(["user"], read.Words.Select(w => w.Value));
        Assert.Contains(read.Problems, p => p.Message.Contains("empty quoted word"));
    }

    [Fact]
    public void An_unterminated_quote_runs_to_the_end_of_the_file_and_is_reported()
    {
        var read = PppWordReader.Read("name \"open\nnoauth\n");
        Assert.Equal(["name", "open\nnoauth\n"], read.Words.Select(w => w.Value));
        var problem = Assert.Single(read.Problems);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void A_word_longer_than_1023_bytes_is_cut_as_pppd_cuts_it()
    {
        var read = PppWordReader.Read(new string('a', 1500) + " b");
        Assert.Equal(1023, read.Words[0].Value.Length);
        Assert.Equal("b", read.Words[1].Value);
        Assert.Contains(read.Problems, p => p.Message.Contains("1500 bytes"));

        var exact = PppWordReader.Read(new string('ж', 511) + "a");
        Assert.Equal(1023, System.Text.Encoding.UTF8.GetByteCount(exact.Words[0].Value));
        Assert.Empty(exact.Problems);
    }

    [Fact]
    public void A_literal_nul_character_ends_the_value_of_its_word()
    {
        var read = PppWordReader.Read("ab\0cd next ab\0cd");
        Assert.Equal(["ab", "next", "ab"], read.Words.Select(w => w.Value));
        Assert.Equal(2, read.Problems.Count);
    }

    [Fact]
    public void Repeated_words_read_the_same_each_time()
    {
        var words = PppWordReader.ReadWords(string.Concat(Enumerable.Repeat("mtu 1400 'mtu' m\\tu\n", 3)));
        string[] once = ["mtu", "1400", "mtu", "m\tu"];
        Assert.Equal(once.Concat(once).Concat(once), words.Select(w => w.Value));
    }

    [Fact]
    public void A_trailing_lone_backslash_is_not_a_word()
    {
        Assert.Equal(["a"], Values("a \\"));
        Assert.Equal(["a"], Values("a\\"));
    }

    [Fact]
    public void An_empty_or_comment_only_text_has_no_words()
    {
        Assert.Empty(Values(""));
        Assert.Empty(Values("# only\n\n   \t\n#"));
    }
}
