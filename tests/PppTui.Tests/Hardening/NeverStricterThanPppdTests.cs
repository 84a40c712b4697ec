namespace PppTui.Tests.Hardening;

/// <summary>
/// Files pppd reads import and apply (values within pppd's own limits, chat dialogues as modems
/// and chat take them); files ppptui cannot keep are refused at import with the reason; and what
/// a hand-edited profile holds reaches the terminal escaped.
/// </summary>
public sealed class NeverStricterThanPppdTests : IDisposable
{
    private const string ModemPeers = "/dev/ttyUSB0\n115200\nconnect \"/usr/sbin/chat -v -T 5551234 -f /etc/chatscripts/lte\"\n";

    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private CliOutcome ImportsAndApplies(string name)
    {
        var import = _cli.Run("import", name);
        Assert.True(import.ExitCode == ExitCodes.Ok, import.ToString());
        Assert.DoesNotContain("apply will refuse", import.Out + import.Error);
        var apply = _cli.Run("apply", name);
        Assert.True(apply.ExitCode == ExitCodes.Ok, apply.ToString());
        return import;
    }

    // Item 14: pppd reads lcp-echo-interval, lcp-echo-failure, holdoff, maxfail and mru as plain integers.
    [Theory]
    [InlineData("lcp-echo-interval 65535")]
    [InlineData("lcp-echo-failure 5000")]
    [InlineData("holdoff 100000")]
    [InlineData("maxfail 1000000")]
    [InlineData("mru 65535")]
    public void A_number_pppd_takes_without_limit_imports_and_applies(string line)
    {
        _cli.Write("/etc/ppp/peers/office", $"pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\n{line}\n");

        ImportsAndApplies("office");
    }

    [Theory]
    [InlineData("atdt*99***1#")]
    [InlineData("ATD\\T")]
    [InlineData("ATDT0W1234;")]
    public void A_chat_script_dialling_as_modems_and_chat_allow_imports_and_applies_unchanged(string dial)
    {
        var script = $"ABORT BUSY\n'' AT\nOK {dial}\nCONNECT ''\n";
        _cli.Write("/etc/chatscripts/lte", script);
        _cli.Write("/etc/ppp/peers/lte", ModemPeers);

        ImportsAndApplies("lte");

        Assert.Equal(script, _cli.Read("/etc/chatscripts/lte"));
    }

    [Fact]
    public void A_modem_speed_outside_the_usual_list_imports_and_applies()
    {
        _cli.Write("/etc/chatscripts/lte", "'' AT\nOK ATD*99#\nCONNECT ''\n");
        _cli.Write("/etc/ppp/peers/lte", ModemPeers.Replace("115200", "14400", StringComparison.Ordinal));

        ImportsAndApplies("lte");
    }

    [Fact]
    public void A_modem_peers_file_whose_chat_script_is_missing_imports_and_applies_keeping_its_connect_line()
    {
        _cli.Write("/etc/ppp/peers/lte", ModemPeers);

        ImportsAndApplies("lte");

        Assert.Equal(ModemPeers, _cli.Read("/etc/ppp/peers/lte"));
        Assert.False(File.Exists(_cli.PathOf("/etc/chatscripts/lte")));
    }

    [Fact]
    public void A_pppoe_peers_file_without_an_interface_word_imports_and_applies()
    {
        _cli.Write("/etc/ppp/peers/dsl", "plugin rp-pppoe.so\nnoauth\ndefaultroute\nusepeerdns\n");

        ImportsAndApplies("dsl");
    }

    // Item 15.
    // pppd 2.4.9 and 2.5.x copy name, user and remotename with strlcpy into MAXNAMELEN (256) bytes:
    // a longer word is taken, cut to 255 bytes without a word, and the cut name is the one pppd
    // looks up in chap-secrets.
    [Theory]
    [InlineData("name")]
    [InlineData("user")]
    [InlineData("remotename")]
    public void A_name_longer_than_pppd_keeps_imports_and_applies_and_says_the_cut_name_pppd_uses(string option)
    {
        var name = new string('n', 1023);
        _cli.Write("/etc/ppp/peers/office", $"pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\n{option} {name}\n");

        var import = ImportsAndApplies("office");

        Assert.Contains($"'{option}' is 1023 bytes long; pppd keeps only the first 255 bytes and uses that name, \"{name[..255]}\"", import.Out);
    }

    [Fact]
    public void An_ipparam_longer_than_255_bytes_imports_and_applies_as_pppd_takes_it_whole()
    {
        _cli.Write("/etc/ppp/peers/office", $"pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname alice\nipparam {new string('i', 1000)}\n");

        ImportsAndApplies("office");
    }

    [Fact]
    public void The_password_record_of_a_name_pppd_cuts_is_found_and_written_under_the_cut_name()
    {
        var name = new string('n', 1023);
        var kept = name[..255];
        _cli.Write("/etc/ppp/peers/office", $"pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname {name}\nremotename office\n");
        _cli.Write("/etc/ppp/chap-secrets", $"{kept} office old *\n");
        File.SetUnixFileMode(_cli.PathOf("/etc/ppp/chap-secrets"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var import = _cli.Run("import", "office");
        var set = _cli.RunWithInput("new-secret\n", "set", "office", "--password-stdin");

        Assert.Contains("password in /etc/ppp/chap-secrets line 1", import.Out);
        Assert.True(set.ExitCode == ExitCodes.Ok, set.ToString());
        Assert.Equal($"{kept} office new-secret *\n", _cli.Read("/etc/ppp/chap-secrets"));
    }

    [Fact]
    public void A_name_pppd_cuts_inside_a_character_imports_and_applies_saying_no_record_can_match_it()
    {
        // 254 ASCII bytes, then a 3-byte character: pppd's 255th byte is the first byte of it.
        var name = new string('n', 254) + "名字";
        _cli.Write("/etc/ppp/peers/office", $"pty \"pptp 192.0.2.1 --nolaunchpppd\"\nname {name}\nremotename office\n");

        var import = ImportsAndApplies("office");
        var set = _cli.RunWithInput("new-secret\n", "set", "office", "--password-stdin");

        Assert.Contains("which end inside a character, so no chap-secrets or pap-secrets record can match it", import.Out);
        Assert.NotEqual(ExitCodes.Ok, set.ExitCode);
        Assert.Contains("Shorten the name to at most 255 bytes", set.ToString());
    }

    [Fact]
    public void A_peers_file_too_large_for_a_profile_is_refused_at_import_naming_the_limit_and_no_profile_is_written()
    {
        var text = new StringBuilder("pty \"pptp 192.0.2.1 --nolaunchpppd\"\n");
        for (var i = 0; i < 100_000; i++) text.Append("ms-dns 192.0.2.").Append(i % 250).Append('\n');
        _cli.Write("/etc/ppp/peers/huge", text.ToString());

        var import = _cli.Run("import", "huge");
        var replace = _cli.Run("import", "huge", "--replace");

        Assert.Equal(ExitCodes.Invalid, import.ExitCode);
        Assert.Contains("ppptui loads profiles of at most 65536", import.Error);
        Assert.False(File.Exists(_cli.PathOf("/etc/ppptui/profiles/huge.toml")));
        Assert.Equal(ExitCodes.Invalid, replace.ExitCode);
    }

    // Item 16.
    [Fact]
    public void An_empty_profile_file_is_an_error_naming_the_file_and_apply_writes_no_peers_file()
    {
        _cli.Write("/etc/ppptui/profiles/blank.toml", "");

        var show = _cli.Run("show", "blank");
        var apply = _cli.Run("apply", "blank");

        Assert.Equal(ExitCodes.Invalid, show.ExitCode);
        Assert.Contains("blank.toml", show.Error);
        Assert.Contains("the profile file is empty", show.Error);
        Assert.NotEqual(ExitCodes.Ok, apply.ExitCode);
        Assert.False(File.Exists(_cli.PathOf("/etc/ppp/peers/blank")));
    }

    [Fact]
    public void Control_characters_of_a_hand_edited_profile_reach_the_terminal_escaped()
    {
        _cli.Write("/etc/ppptui/profiles/office.toml",
            "name = \"office\"\nkind = \"pptp\"\ndescription = \"a\\u001b[2Jb\\rc\\u0007\"\n[ppp]\nuser = \"a\\nb\"\n[pptp]\nserver = \"192.0.2.1\"\n");

        var show = _cli.Run("show", "office");
        var list = _cli.Run("list");

        Assert.Equal(ExitCodes.Ok, show.ExitCode);
        Assert.Contains("a\\x1b[2Jb\\x0dc\\x07", show.Out);
        Assert.Contains("a\\x0ab", show.Out);
        Assert.DoesNotContain('\u001b', show.Out + list.Out);
        Assert.DoesNotContain('\r', show.Out + list.Out);
        Assert.DoesNotContain('\u0007', show.Out + list.Out);
    }
}
