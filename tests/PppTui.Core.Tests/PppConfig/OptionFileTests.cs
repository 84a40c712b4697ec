namespace PppTui.Core.Tests.PppConfig;

public class OptionFileTests
{
    private const string Peer =
        "# PPTP peer\n" +
        "pty \"pptp vpn.example.com --nolaunchpppd\"\n" +
        "name alice\n" +
        "remotename PPTP\n" +
        "require-mppe-128\n" +
        "\n" +
        "mtu 1416 #critical!!!\n" +
        "file /etc/ppp/options.pptp\n";

    [Fact]
    public void Options_pair_with_their_arguments_and_flags_stand_alone()
    {
        var file = OptionFile.Parse(Peer);
        Assert.Equal(
            [("pty", "pptp vpn.example.com --nolaunchpppd"), ("name", "alice"), ("remotename", "PPTP"),
             ("require-mppe-128", null), ("mtu", "1416"), ("file", "/etc/ppp/options.pptp")],
            file.Entries.Select(e => (e.Name, e.Argument)));
        Assert.Equal([2, 3, 4, 5, 7, 8], file.Entries.Select(e => e.Line));
        Assert.Empty(file.Problems);
    }

    [Fact]
    public void An_argument_may_sit_on_the_next_line()
    {
        var file = OptionFile.Parse("mtu\n  # why\n 1400\nnoauth");
        Assert.Equal([("mtu", "1400"), ("noauth", null)], file.Entries.Select(e => (e.Name, e.Argument)));
    }

    [Fact]
    public void An_argument_that_looks_like_an_option_is_still_the_argument()
    {
        var file = OptionFile.Parse("user noauth\nname debug\n");
        Assert.Equal([("user", "noauth"), ("name", "debug")], file.Entries.Select(e => (e.Name, e.Argument)));
        Assert.False(file.Has("noauth"));
    }

    [Fact]
    public void Unknown_words_are_bare_entries()
    {
        var file = OptionFile.Parse("/dev/ttyUSB0\n115200\n10.0.0.1:10.0.0.2\nplugin rp-pppoe.so\neth0\n");
        Assert.Equal(["/dev/ttyUSB0", "115200", "10.0.0.1:10.0.0.2", "plugin", "eth0"], file.Entries.Select(e => e.Name));
        Assert.Equal([false, false, false, true, false], file.Entries.Select(e => e.IsKnownOption));
    }

    [Fact]
    public void A_missing_argument_at_the_end_is_reported()
    {
        var file = OptionFile.Parse("noauth\nmtu");
        var entry = file.Entries[^1];
        Assert.Null(entry.Argument);
        Assert.Contains(file.Problems, p => p.Line == 2 && p.Message.Contains("too few parameters"));
    }

    [Fact]
    public void The_last_occurrence_wins()
    {
        var file = OptionFile.Parse("mtu 1400\nmtu 1300\n");
        Assert.Equal("1300", file.GetArgument("mtu"));
        Assert.Equal(2, file.All("mtu").Count);
        Assert.Null(file.GetArgument("mru"));
    }

    [Fact]
    public void Setting_a_value_changes_exactly_that_word()
    {
        var file = OptionFile.Parse(Peer);
        file.Set("mtu", "1400");
        Assert.Equal(Peer.Replace("mtu 1416 #critical!!!", "mtu 1400 #critical!!!"), file.Text);
        Assert.Equal("1400", file.GetArgument("mtu"));
    }

    [Theory]
    [InlineData("Setting the last occurrence leaves earlier ones alone", "mtu 1400\nnoauth\nmtu 1300\n", "mtu", "1200", "mtu 1400\nnoauth\nmtu 1200\n")]
    [InlineData("A new option is appended in the file's line ending style (CRLF)", "noauth\r\n", "mtu", "1400", "noauth\r\nmtu 1400\r\n")]
    [InlineData("A new option is appended in the file's line ending style (LF)", "noauth\n", "usepeerdns", null, "noauth\nusepeerdns\n")]
    [InlineData("Appending to a file without final newline keeps it without one", "noauth\r\ndebug # last", "mtu", "1400", "noauth\r\ndebug # last\r\nmtu 1400")]
    [InlineData("An empty value at the end of a file gets the line break pppd needs", "noauth", "user", "", "noauth\nuser \"\"\n")]
    [InlineData("An empty value in place of the last line's gets the line break pppd needs", "user bob", "user", "", "user \"\"\n")]
    [InlineData("A missing argument at the end is filled in", "noauth\nmtu", "mtu", "1400", "noauth\nmtu 1400")]
    public void Setting_an_option_writes_it_where_and_as_pppd_reads_it_back(string rule, string before, string option, string? value, string after)
    {
        var file = OptionFile.Parse(before);
        if (value is null) file.Set(option);
        else file.Set(option, value);
        // The case's sentence stands in the failure next to the texts.
        Assert.Equal((rule, after), (rule, file.Text));
        if (value is null) Assert.True(file.Has(option));
        else Assert.Equal(value, file.GetArgument(option));
    }

    [Fact]
    public void Setting_the_same_value_changes_nothing_even_when_quoted_differently()
    {
        const string text = "name 'alice'\r\npty \"pptp host\"";
        var file = OptionFile.Parse(text);
        file.Set("name", "alice");
        file.Set("pty", "pptp host");
        file.Set("noauth");
        file.Set("noauth");
        Assert.Equal(text + "\r\nnoauth", file.Text);
    }

    [Fact]
    public void A_new_value_is_quoted_as_needed()
    {
        var file = OptionFile.Parse("pty \"pptp old\"\nname bob\n");
        file.Set("pty", "pptp new.example.com --nolaunchpppd");
        file.Set("name", "DOMAIN\\bob");
        Assert.Equal("pty \"pptp new.example.com --nolaunchpppd\"\nname \"DOMAIN\\\\bob\"\n", file.Text);
        Assert.Equal("DOMAIN\\bob", file.GetArgument("name"));
    }

    [Fact]
    public void A_crlf_file_without_final_newline_keeps_both_when_a_value_changes()
    {
        const string text = "noauth\r\nmtu 1416\t# критично\r\nname \"Иван\"";
        var file = OptionFile.Parse(text);
        file.Set("name", "Пётр");
        file.Set("mtu", "1400");
        Assert.Equal("noauth\r\nmtu 1400\t# критично\r\nname Пётр", file.Text);
    }

    [Fact]
    public void Appending_to_an_empty_file_writes_one_line()
    {
        var file = OptionFile.Parse("");
        file.Set("noauth");
        file.Add("ms-dns", "10.0.0.1");
        file.Add("ms-dns", "10.0.0.2");
        Assert.Equal("noauth\nms-dns 10.0.0.1\nms-dns 10.0.0.2\n", file.Text);
    }

    [Fact]
    public void Appending_after_an_unterminated_quote_is_refused_and_nothing_changes()
    {
        const string text = "name \"open";
        var file = OptionFile.Parse(text);
        var error = Assert.Throws<InvalidOperationException>(() => file.Set("mtu", "1400"));
        Assert.Contains("quoted word", error.Message);
        Assert.Equal(text, file.Text);
    }

    [Fact]
    public void Wrong_arity_and_uncarriable_values_are_refused()
    {
        var file = OptionFile.Parse("");
        Assert.Throws<ArgumentException>(() => file.Set("mtu"));
        Assert.Throws<ArgumentException>(() => file.Set("noauth", "yes"));
        var error = Assert.Throws<ArgumentException>(() => file.Set("password", "hunter2\0"));
        Assert.DoesNotContain("hunter2", error.Message);
        Assert.Equal("", file.Text);
    }

    [Fact]
    public void Removing_an_option_alone_on_its_line_drops_the_line_and_its_comment()
    {
        var file = OptionFile.Parse(Peer);
        file.Remove("mtu");
        Assert.Equal(Peer.Replace("mtu 1416 #critical!!!\n", ""), file.Text);
        Assert.False(file.Has("mtu"));
    }

    [Fact]
    public void Removing_an_option_shared_with_other_words_keeps_the_rest_of_the_line()
    {
        var file = OptionFile.Parse("noauth mtu 1400 debug\nmtu 1300 persist # keep\n\tdefaultroute mtu\n1200\n");
        file.Remove("mtu");
        Assert.Equal("noauth debug\npersist # keep\n\tdefaultroute\n", file.Text);
        Assert.Equal(["noauth", "debug", "persist", "defaultroute"], file.Entries.Select(e => e.Name));
    }

    [Theory]
    [InlineData("Removing an option whose argument is on the next line drops both lines", "noauth\nmtu\n1400\ndebug\n", "mtu", "noauth\ndebug\n")]
    [InlineData("Removing the last line keeps a missing final newline missing", "noauth\r\nmtu 1400 # x", "mtu", "noauth")]
    [InlineData("Removing the last line of repeated options keeps a missing final newline missing", "mtu 1\nmtu 2", "mtu", "")]
    [InlineData("Removing repeated options on one line drops the line", "a\nmtu 1400 mtu 1300\nb\n", "mtu", "a\nb\n")]
    [InlineData("Removing an absent option changes nothing", Peer, "persist", Peer)]
    public void Removing_an_option_takes_its_words_and_only_lines_left_empty(string rule, string before, string option, string after)
    {
        var file = OptionFile.Parse(before);
        file.Remove(option);
        // The case's sentence stands in the failure next to the texts.
        Assert.Equal((rule, after), (rule, file.Text));
        Assert.False(file.Has(option));
    }

    [Fact]
    public void Removing_keeps_an_escaped_space_of_the_word_before()
    {
        var file = OptionFile.Parse("name a\\  mtu 1400\n");
        file.Remove("mtu");
        Assert.Equal("a ", file.GetArgument("name"));
        Assert.Equal("name a\\ \n", file.Text);
    }

    [Fact]
    public void Add_always_appends_even_when_the_option_exists()
    {
        var file = OptionFile.Parse("ms-dns 1.1.1.1\n");
        file.Add("ms-dns", "8.8.8.8");
        Assert.Equal("ms-dns 1.1.1.1\nms-dns 8.8.8.8\n", file.Text);
        Assert.Equal("8.8.8.8", file.GetArgument("ms-dns"));
    }

    [Fact]
    public void An_option_name_written_in_quotes_is_still_that_option()
    {
        var file = OptionFile.Parse("\"mtu\" 1400\n");
        Assert.Equal("1400", file.GetArgument("mtu"));
        file.Set("mtu", "1300");
        Assert.Equal("\"mtu\" 1300\n", file.Text);
    }

    [Fact]
    public void A_large_file_with_long_lines_and_quotes_parses_and_edits_in_one_pass()
    {
        var builder = new System.Text.StringBuilder();
        for (int i = 0; i < 100_000; i++)
            builder.Append("mtu ").Append(1000 + i % 400).Append(" # ").Append('x', 20)
                .Append("\nname \"user ").Append(i).Append("\"\n");
        builder.Append(new string('y', 2_000_000)).Append('\n');
        var text = builder.ToString();

        var file = OptionFile.Parse(text);
        Assert.Equal(200_001, file.Entries.Count);
        file.Set("mtu", "1492");
        file.Remove("name");
        Assert.Equal("1492", file.GetArgument("mtu"));
        Assert.Equal(100_001, file.Entries.Count);
    }
}
