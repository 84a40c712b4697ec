namespace PppTui.Tests.Tui.Adapters;

public sealed class ProfileEditorAdapterTests : IDisposable
{
    private readonly Sandbox _sandbox = new();

    public void Dispose() => _sandbox.Dispose();

    private ProfileEditorAdapter NewPptp(string name = "office") =>
        new(_sandbox.Service, _sandbox.Service.Create(name, ProfileKind.Pptp), isNew: true);

    private static string AllPreviewText(IPreviewModel preview) =>
        string.Join("\n", preview.Files.Select(f => f.Path + "\n" + f.Text + "\n" + string.Join("\n", f.Diff.Select(d => d.Text))));

    [Fact]
    public void The_form_of_each_kind_follows_the_kind_registry_with_the_password_masked()
    {
        var pptp = NewPptp();
        var pppoe = new ProfileEditorAdapter(_sandbox.Service, _sandbox.Service.Create("dsl", ProfileKind.Pppoe), isNew: true);
        var modem = new ProfileEditorAdapter(_sandbox.Service, _sandbox.Service.Create("lte", ProfileKind.Modem), isNew: true);

        Assert.Equal(["description", "server", "user", "password", "remotename", "mppe", "mtu", "default-route", "usepeerdns", "persist", "routes", "pptp-args"],
            pptp.Fields.Select(f => f.Key));
        Assert.Equal(FieldKind.Password, pptp.Fields.Single(f => f.Key == "password").Kind);
        Assert.Equal(FieldKind.Choice, pptp.Fields.Single(f => f.Key == "mppe").Kind);
        Assert.Equal(FieldKind.Toggle, pptp.Fields.Single(f => f.Key == "persist").Kind);
        Assert.Equal(FieldKind.Integer, pptp.Fields.Single(f => f.Key == "mtu").Kind);
        Assert.Contains("interface", pppoe.Fields.Select(f => f.Key));
        Assert.DoesNotContain("server", pppoe.Fields.Select(f => f.Key));
        Assert.Equal(FieldKind.Password, modem.Fields.Single(f => f.Key == "pin").Kind);
        Assert.Equal("PPTP VPN", pptp.Kind);
    }

    [Fact]
    public void The_validator_s_messages_sit_beside_their_fields_and_apply_stays_off_until_they_are_gone()
    {
        var editor = NewPptp();
        Assert.False(editor.IsValid);
        Assert.Contains(editor.Messages, m => m.FieldKey == "server" && m.Text.Contains("server") && m.Severity == MessageSeverity.Error);
        Assert.Contains(editor.Messages, m => m.FieldKey == "user");

        editor.SetValue("server", "vpn.example.com");
        editor.SetValue("user", "alice");
        Assert.True(editor.IsValid);

        editor.SetValue("mtu", "14x6");
        Assert.False(editor.IsValid);
        Assert.Equal("'14x6' is not a whole number", editor.Messages.Single(m => m.FieldKey == "mtu").Text);
        Assert.Equal("14x6", editor.GetValue("mtu")); // the form shows back what was typed

        editor.SetValue("mtu", "99999");
        Assert.Contains(editor.Messages, m => m.FieldKey == "mtu" && m.Text.Contains("16384"));
        editor.SetValue("mtu", "1416");
        Assert.True(editor.IsValid);
        Assert.True(editor.IsDirty);
    }

    [Fact]
    public void Every_change_renders_one_plan_against_a_snapshot_so_typing_never_reads_the_disk_again()
    {
        _sandbox.WithMyVpn();
        var editor = new ProfileEditorAdapter(_sandbox.Service, _sandbox.Service.Load("myvpn"), isNew: false);
        var read = editor.Snapshot.Count;
        var renders = editor.PreviewModel.Renders;

        foreach (var c in "vpn2.example.com".Select((_, i) => "vpn2.example.com"[..(i + 1)])) editor.SetValue("server", c);
        // Someone edits the peers file meanwhile: the preview keeps what the editor read.
        File.AppendAllText(_sandbox.Paths.PeerFile("myvpn"), "debug\n");

        Assert.Equal(renders + 16, editor.PreviewModel.Renders);
        Assert.Equal(read, editor.Snapshot.Count);
        var peers = editor.Preview.Files.Single(f => f.Path == "/etc/ppp/peers/myvpn");
        Assert.Equal(FileChange.Modify, peers.Change);
        Assert.Contains("pty \"pptp vpn2.example.com --nolaunchpppd --loglevel 0\"", peers.Text);
        Assert.DoesNotContain("debug", peers.Text);
        Assert.Contains(peers.Diff, d => d.Kind == DiffKind.Added && d.Text.Contains("vpn2.example.com"));
        Assert.Contains(peers.Diff, d => d.Kind == DiffKind.Removed && d.Text.Contains("192.0.2.1"));
        Assert.Contains("mtu 1416 #critical!!!", peers.Text); // untouched lines stay byte for byte
    }

    [Fact]
    public void A_typed_password_reaches_the_preview_only_masked_and_a_secret_only_diff_says_so()
    {
        _sandbox.WithMyVpn();
        var editor = new ProfileEditorAdapter(_sandbox.Service, _sandbox.Service.Load("myvpn"), isNew: false);

        editor.SetValue("password", "N3w-s3cret!");

        var text = AllPreviewText(editor.Preview);
        Assert.DoesNotContain("N3w-s3cret!", text);
        Assert.DoesNotContain("lab-pass-1", text);
        var secrets = editor.Preview.Files.Single(f => f.Path == "/etc/ppp/chap-secrets");
        Assert.Equal(FileChange.Modify, secrets.Change);
        Assert.Contains("labuser\tmyvpn\t", secrets.Text);
        Assert.Equal([new DiffLine(DiffKind.Hunk, PlanPreview.SecretOnlyChange)], secrets.Diff);
        Assert.Equal("N3w-s3cret!", editor.GetValue("password")); // the control holds it, masked on screen
    }

    [Fact]
    public async Task Apply_writes_the_plan_then_drops_the_secret_and_the_profile_is_no_longer_new()
    {
        var editor = NewPptp();
        editor.SetValue("server", "vpn.example.com");
        editor.SetValue("user", "alice");
        editor.SetValue("password", "Pa55 w0rd");
        Assert.True(editor.HoldsSecrets);

        var result = await editor.ApplyAsync(false, CancellationToken.None);

        Assert.Equal(ActionStatus.Done, result.Status);
        Assert.Equal("Applied office: wrote /etc/ppp/peers/office, /etc/ppp/chap-secrets", result.Summary);
        Assert.Contains("pty \"pptp vpn.example.com --nolaunchpppd\"\n", _sandbox.Read("/etc/ppp/peers/office"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_sandbox.Paths.ChapSecrets));
        Assert.Contains("alice office \"Pa55 w0rd\"", _sandbox.Read("/etc/ppp/chap-secrets"));
        Assert.DoesNotContain("Pa55", File.ReadAllText(_sandbox.Paths.ProfileFile("office")));
        Assert.False(editor.HoldsSecrets);
        Assert.Equal("", editor.GetValue("password"));
        Assert.False(editor.IsNew);
        Assert.False(editor.IsDirty);
        Assert.All(editor.Preview.Files, f => Assert.Equal(FileChange.Unchanged, f.Change));
    }

    [Fact]
    public async Task A_file_changed_on_disk_since_the_editor_read_it_is_a_conflict_and_overwriting_writes_what_was_previewed()
    {
        _sandbox.WithMyVpn();
        var editor = new ProfileEditorAdapter(_sandbox.Service, _sandbox.Service.Load("myvpn"), isNew: false);
        editor.SetValue("mtu", "1400");
        File.AppendAllText(_sandbox.Paths.PeerFile("myvpn"), "# a hand edit\n");

        var refused = await editor.ApplyAsync(false, CancellationToken.None);

        Assert.Equal(ActionStatus.Conflict, refused.Status);
        Assert.Equal(["/etc/ppp/peers/myvpn"], refused.ConflictingFiles);
        Assert.Contains("# a hand edit", _sandbox.Read("/etc/ppp/peers/myvpn"));

        var forced = await editor.ApplyAsync(true, CancellationToken.None);

        Assert.Equal(ActionStatus.Done, forced.Status);
        var written = _sandbox.Read("/etc/ppp/peers/myvpn");
        Assert.Contains("mtu 1400", written);
        Assert.DoesNotContain("# a hand edit", written);
    }

    [Fact]
    public void The_effective_options_are_those_of_the_edit_with_the_file_and_line_each_comes_from()
    {
        _sandbox.WithMyVpn();
        var editor = new ProfileEditorAdapter(_sandbox.Service, _sandbox.Service.Load("myvpn"), isNew: false);

        editor.SetValue("mtu", "1400");
        var options = editor.Preview.EffectiveOptions;

        Assert.Contains(options, o => o.Name == "mtu" && o.Argument == "1400" && o.Source.StartsWith("/etc/ppp/peers/myvpn:") && o.TakesEffect);
        Assert.Contains(options, o => o.Name == "auth" && o.Source == "/etc/ppp/options:2" && !o.TakesEffect);
        Assert.Contains(options, o => o.Name == "noauth" && o.TakesEffect);
    }

    [Fact]
    public void Revert_goes_back_to_what_was_loaded_and_forgets_the_typed_secret()
    {
        _sandbox.WithMyVpn();
        var editor = new ProfileEditorAdapter(_sandbox.Service, _sandbox.Service.Load("myvpn"), isNew: false);
        editor.SetValue("server", "elsewhere.example.com");
        editor.SetValue("password", "x");
        var changed = 0;
        editor.Changed += (_, _) => changed++;

        editor.Revert();

        Assert.Equal(1, changed);
        Assert.Equal("192.0.2.1", editor.GetValue("server"));
        Assert.Equal("", editor.GetValue("password"));
        Assert.False(editor.IsDirty);
        Assert.False(editor.HoldsSecrets);
    }

    [Fact]
    public void A_field_error_the_form_does_not_show_is_named_on_top_of_the_form()
    {
        _sandbox.WithMyVpn();
        var profile = _sandbox.Service.Load("myvpn");
        profile.ExtraOptions.Add("debug\nkdebug 1");
        var editor = new ProfileEditorAdapter(_sandbox.Service, profile, isNew: false);

        var message = Assert.Single(editor.Messages, m => m.Severity == MessageSeverity.Error);
        Assert.Equal("extra", message.FieldKey);
        Assert.StartsWith("extra: ", message.Text);
        Assert.False(editor.IsValid);
    }
}
