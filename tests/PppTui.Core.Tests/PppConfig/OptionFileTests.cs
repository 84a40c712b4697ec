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

    [Fact]
    public void Setting_the_last_occurrence_leaves_earlier_ones_alone()
    {
        var file = OptionFile.Parse("mtu 1400\nnoauth\nmtu 1300\n");
        file.Set("mtu", "1200");
        Assert.Equal("mtu 1400\nnoauth\nmtu 1200\n", file.Text);
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
    public void A_new_option_is_appended_in_the_file_line_ending_style()
    {
        var crlf = OptionFile.Parse("noauth\r\n");
        crlf.Set("mtu", "1400");
        Assert.Equal("noauth\r\nmtu 1400\r\n", crlf.Text);

        var lf = OptionFile.Parse("noauth\n");
        lf.Set("usepeerdns");
        Assert.Equal("noauth\nusepeerdns\n", lf.Text);
    }

    [Fact]
    public void Appending_to_a_file_without_final_newline_keeps_it_without_one()
    {
        var file = OptionFile.Parse("noauth\r\ndebug # last");
        file.Set("mtu", "1400");
        Assert.Equal("noauth\r\ndebug # last\r\nmtu 1400", file.Text);
        Assert.Equal("1400", file.GetArgument("mtu"));
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
    public void An_empty_value_at_the_end_of_a_file_gets_the_line_break_pppd_needs()
    {
        var file = OptionFile.Parse("noauth");
        file.Set("user", "");
        Assert.Equal("noauth\nuser \"\"\n", file.Text);
        Assert.Equal("", file.GetArgument("user"));

        var inPlace = OptionFile.Parse("user bob");
        inPlace.Set("user", "");
        Assert.Equal("user \"\"\n", inPlace.Text);
        Assert.Equal("", inPlace.GetArgument("user"));
    }

    [Fact]
    public void A_missing_argument_at_the_end_is_filled_in()
    {
        var file = OptionFile.Parse("noauth\nmtu");
        file.Set("mtu", "1400");
        Assert.Equal("noauth\nmtu 1400", file.Text);
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

    [Fact]
    public void Removing_an_option_whose_argument_is_on_the_next_line_drops_both_lines()
    {
        var file = OptionFile.Parse("noauth\nmtu\n1400\ndebug\n");
        file.Remove("mtu");
        Assert.Equal("noauth\ndebug\n", file.Text);
    }

    [Fact]
    public void Removing_the_last_line_keeps_a_missing_final_newline_missing()
    {
        var file = OptionFile.Parse("noauth\r\nmtu 1400 # x");
        file.Remove("mtu");
        Assert.Equal("noauth", file.Text);

        var repeated = OptionFile.Parse("mtu 1\nmtu 2");
        repeated.Remove("mtu");
        Assert.Equal("", repeated.Text);
    }

    [Fact]
    public void Removing_repeated_options_on_one_line_drops_the_line()
    {
        var file = OptionFile.Parse("a\nmtu 1400 mtu 1300\nb\n");
        file.Remove("mtu");
        Assert.Equal("a\nb\n", file.Text);
    }

    [Fact]
    public void Removing_an_absent_option_changes_nothing()
    {
        var file = OptionFile.Parse(Peer);
        file.Remove("persist");
        Assert.Equal(Peer, file.Text);
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
