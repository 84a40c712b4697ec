namespace PppTui.Tests.Tui.Fakes;

/// <summary>A profile list the tests fill in; records what the screen asked of it.</summary>
public sealed class FakeProfileListModel : IProfileListModel
{
    public List<ProfileSummary> Items { get; } = [];
    public List<string> Deleted { get; } = [];
    public List<string> Opened { get; } = [];
    public Func<string, IEditorModel>? EditorFactory { get; set; }
    public IReadOnlyList<ProfileSummary> Profiles => Items.ToList();
    public bool IsLoaded { get; set; } = true;
    public string? Unreadable { get; set; }

    public IReadOnlyList<KindInfo> Kinds { get; set; } =
    [
        new("pptp", "PPTP", "VPN over GRE"),
        new("pppoe", "PPPoE", "DSL over Ethernet"),
        new("modem", "Modem", "serial or cellular"),
    ];

    public event EventHandler? Changed;

    public void Raise() => Changed?.Invoke(this, EventArgs.Empty);

    public IEditorModel OpenEditor(string profileName)
    {
        Opened.Add(profileName);
        if (EditorFactory is not null) return EditorFactory(profileName);
        var p = Items.First(i => i.Name == profileName);
        if (p.Problem is not null) throw new InvalidDataException(p.Problem);
        return FakeEditorModel.Pptp(profileName);
    }

    public IEditorModel CreateNew(string kindId, string profileName) => FakeEditorModel.Pptp(profileName, isNew: true);

    public Task<ActionResult> DeleteAsync(string profileName, CancellationToken cancellationToken)
    {
        Deleted.Add(profileName);
        Items.RemoveAll(p => p.Name == profileName);
        Raise();
        return Task.FromResult(ActionResult.Ok("Deleted " + profileName));
    }

    public Task<ActionResult> ImportAllAsync(CancellationToken cancellationToken)
    {
        for (int i = 0; i < Items.Count; i++) Items[i] = Items[i] with { NotImported = false };
        Raise();
        return Task.FromResult(ActionResult.Ok("Imported"));
    }
}

/// <summary>
/// A PPTP-like editor with real rules (server required, MTU a number in 576..1500, user and
/// password required) and a preview rendered from the values, password masked.
/// </summary>
public sealed class FakeEditorModel : IEditorModel
{
    private readonly Dictionary<string, string> _loaded;
    private readonly Dictionary<string, string> _values;
    private readonly FakePreviewModel _preview = new();

    private FakeEditorModel(string name, bool isNew, Dictionary<string, string> values)
    {
        ProfileName = name;
        IsNew = isNew;
        _loaded = new(values);
        _values = new(values);
        Recompute();
    }

    public static FakeEditorModel Pptp(string name, bool isNew = false) => new(name, isNew, new()
    {
        ["server"] = isNew ? "" : "vpn.example.com",
        ["user"] = isNew ? "" : "alice",
        ["password"] = isNew ? "" : "s3cret!",
        ["mtu"] = "1400",
        ["persist"] = "true",
        ["mppe"] = "required",
    });

    public string ProfileName { get; }
    public string Kind => "pptp";
    public bool IsNew { get; }
    public List<string> Sets { get; } = [];
    public List<bool> Applies { get; } = [];
    public Func<bool, ActionResult>? ApplyResult { get; set; }

    public IReadOnlyList<EditorField> Fields { get; } =
    [
        new("server", "Server", FieldKind.Text, "Connection", "host name or address"),
        new("user", "User", FieldKind.Text, "Connection"),
        new("password", "Password", FieldKind.Password, "Connection"),
        new("mtu", "MTU", FieldKind.Integer, "PPP"),
        new("persist", "Persist", FieldKind.Toggle, "PPP"),
        new("mppe", "MPPE", FieldKind.Choice, "PPP", Choices: ["required", "stateless", "off"]),
    ];

    public string GetValue(string key) => _values.GetValueOrDefault(key, "");

    public void SetValue(string key, string value)
    {
        Sets.Add(key + "=" + value);
        _values[key] = value;
        Recompute();
        Changed?.Invoke(this, EventArgs.Empty);
    }

    public IReadOnlyList<FieldMessage> Messages { get; private set; } = [];
    public bool IsValid => Messages.All(m => m.Severity != MessageSeverity.Error);
    public bool IsDirty => _values.Any(kv => _loaded[kv.Key] != kv.Value);
    public IPreviewModel Preview => _preview;
    public event EventHandler? Changed;

    public void Revert()
    {
        foreach (var k in _loaded.Keys) _values[k] = _loaded[k];
        Recompute();
        Changed?.Invoke(this, EventArgs.Empty);
    }

    public Task<ActionResult> ApplyAsync(bool overwriteChangedFiles, CancellationToken cancellationToken)
    {
        Applies.Add(overwriteChangedFiles);
        var result = ApplyResult?.Invoke(overwriteChangedFiles) ?? ActionResult.Ok("Wrote " + ProfileName);
        if (result.Status == ActionStatus.Done) foreach (var k in _values.Keys) _loaded[k] = _values[k];
        return Task.FromResult(result);
    }

    private void Recompute()
    {
        var messages = new List<FieldMessage>();
        if (string.IsNullOrWhiteSpace(GetValue("server"))) messages.Add(new("server", "Give the VPN server's host name or address."));
        if (string.IsNullOrWhiteSpace(GetValue("user"))) messages.Add(new("user", "Give the user name the server expects."));
        if (string.IsNullOrEmpty(GetValue("password"))) messages.Add(new("password", "Give the password (stored only in chap-secrets)."));
        if (!int.TryParse(GetValue("mtu"), out var mtu)) messages.Add(new("mtu", "MTU must be a whole number, e.g. 1400."));
        else if (mtu is < 576 or > 1500) messages.Add(new("mtu", $"MTU {mtu} is outside 576..1500; PPTP links usually work with 1400."));
        else if (mtu > 1460) messages.Add(new("mtu", "Above 1460 large packets may hang the tunnel.", MessageSeverity.Warning));
        Messages = messages;
        _preview.Update(ProfileName, _values, IsValid ? null : "fix the fields marked in the editor");
    }
}

public sealed class FakePreviewModel : IPreviewModel
{
    public IReadOnlyList<PreviewFile> Files { get; private set; } = [];
    public IReadOnlyList<EffectiveOption> EffectiveOptions { get; private set; } = [];
    public string? Problem { get; private set; }
    public event EventHandler? Changed;

    public void Update(string name, IReadOnlyDictionary<string, string> v, string? problem)
    {
        Problem = problem;
        var peers = $"# written by ppptui\npty \"pptp {v["server"]} --nolaunchpppd\"\nname {v["user"]}\nremotename {name}\nmtu {v["mtu"]}\n" +
                    (v["persist"] == "true" ? "persist\n" : "") + (v["mppe"] == "off" ? "" : $"require-mppe-128\n");
        var secrets = $"{v["user"]} {name} ******** *\n";
        Files =
        [
            new($"/etc/ppp/peers/{name}", FileChange.Modify, peers,
                [new(DiffKind.Hunk, "@@ -3,3 +3,3 @@"), new(DiffKind.Removed, "mtu 1500"), new(DiffKind.Added, $"mtu {v["mtu"]}"), new(DiffKind.Context, "persist")]),
            new("/etc/ppp/chap-secrets", FileChange.Modify, secrets, [new(DiffKind.Added, secrets.TrimEnd())], ChangedOnDisk: true),
        ];
        EffectiveOptions =
        [
            new("mtu", "1500", "/etc/ppp/options", 4) { OverriddenBy = $"/etc/ppp/peers/{name}:5" },
            new("mtu", v["mtu"], $"/etc/ppp/peers/{name}", 5),
            new("lock", null, "/etc/ppp/options", 2),
        ];
        Changed?.Invoke(this, EventArgs.Empty);
    }
}

public sealed class FakeLinkStatusModel : ILinkStatusModel
{
    public List<LinkRow> Items { get; } = [];
    public List<string> Connects { get; } = [];
    public List<string> Disconnects { get; } = [];
    public TaskCompletionSource<ActionResult>? PendingConnect { get; set; }
    public IReadOnlyList<LinkRow> Links => Items.ToList();
    public List<InterfaceAddresses> InterfaceItems { get; } = [];
    public IReadOnlyList<InterfaceAddresses> Interfaces => InterfaceItems.ToList();
    public bool Polled { get; set; } = true;
    public event EventHandler? Changed;
    public void Raise() => Changed?.Invoke(this, EventArgs.Empty);

    public Task<ActionResult> ConnectAsync(string profileName, CancellationToken cancellationToken)
    {
        Connects.Add(profileName);
        return PendingConnect?.Task ?? Task.FromResult(ActionResult.Ok(profileName + " is up"));
    }

    /// <summary>Per profile, the running links the test says share its PPTP server.</summary>
    public Dictionary<string, List<string>> SharingServer { get; } = [];

    public IReadOnlyList<string> SharingPptpServer(string profileName) =>
        SharingServer.TryGetValue(profileName, out var running) ? running : [];

    public Task<ActionResult> DisconnectAsync(string profileName, CancellationToken cancellationToken)
    {
        Disconnects.Add(profileName);
        return Task.FromResult(ActionResult.Ok(profileName + " is down"));
    }

    public List<string> Probes { get; } = [];
    /// <summary>The probe's answer; the default is a link whose MTU is fine.</summary>
    public Func<string, PathMtuResult>? ProbeResult { get; set; }
    public List<(string Name, int Mtu)> MtuWrites { get; } = [];

    public Task<PathMtuResult> ProbeAsync(string profileName, CancellationToken cancellationToken)
    {
        Probes.Add(profileName);
        return Task.FromResult(ProbeResult?.Invoke(profileName) ?? new PathMtuResult
        {
            Name = profileName, Interface = "ppp0", Target = "198.51.100.1", LinkMtu = 1456, LargestPassing = 1456,
        });
    }

    public Task<ActionResult> WriteMtuAsync(string profileName, int mtu, CancellationToken cancellationToken)
    {
        MtuWrites.Add((profileName, mtu));
        return Task.FromResult(ActionResult.Ok($"wrote mtu {mtu} into {profileName}"));
    }
}

public sealed class FakeRouteModel : IRouteModel
{
    public List<RouteRow> Items { get; } = [];
    public List<RouteWarning> WarningItems { get; } = [];
    public IReadOnlyList<RouteRow> Routes => Items.ToList();
    public string? DefaultRouteOwner { get; set; }
    public IReadOnlyList<RouteWarning> Warnings => WarningItems.ToList();
    public event EventHandler? Changed;
    public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
}

/// <summary>Which profiles systemd keeps up, as the test says; records enable, disable and doctor calls.</summary>
public sealed class FakeServiceModel : IServiceModel
{
    public SystemdPresence Presence { get; set; } = SystemdPresence.Running;
    public HashSet<string> KeptUp { get; } = [];
    public List<(string Profile, bool StartNow)> Enables { get; } = [];
    public List<string> Disables { get; } = [];
    public List<string?> DoctorRuns { get; } = [];
    public TaskCompletionSource<DoctorReport>? PendingDoctor { get; set; }
    public Func<string, ActionResult>? EnableResult { get; set; }

    public DoctorReport Report { get; set; } = new(
    [
        DoctorCheck.Ok("kernel.ppp_generic", "PPP support in the kernel", "ppp_generic is loaded"),
        DoctorCheck.Warn("dns.stack", "DNS", "usepeerdns is set but systemd-resolved ignores /etc/ppp/resolv.conf",
            "Install a hook: /etc/ppp/ip-up.d/0dns-up calling resolvectl") with { Evidence = "/etc/resolv.conf -> ../run/systemd/resolve/stub-resolv.conf" },
        DoctorCheck.Fail("options.auth", "authentication", "'auth' with no secret for the peer", "Add a line to chap-secrets") with { Profile = "dsl" },
    ]);

    public event EventHandler? Changed;
    public void Raise() => Changed?.Invoke(this, EventArgs.Empty);
    public bool IsKeptUp(string profileName) => KeptUp.Contains(profileName);
    public void Refresh() { }

    public Task<ActionResult> EnableAsync(string profileName, bool startNow, CancellationToken cancellationToken)
    {
        Enables.Add((profileName, startNow));
        var result = EnableResult?.Invoke(profileName) ?? ActionResult.Ok(profileName + " is kept up by systemd");
        if (result.Status == ActionStatus.Done) KeptUp.Add(profileName);
        Raise();
        return Task.FromResult(result);
    }

    public Task<ActionResult> DisableAsync(string profileName, CancellationToken cancellationToken)
    {
        Disables.Add(profileName);
        KeptUp.Remove(profileName);
        Raise();
        return Task.FromResult(ActionResult.Ok(profileName + " is no longer kept up by systemd"));
    }

    public List<(string Profile, string Output)> Bundles { get; } = [];

    public Task<Core.Support.BundleResult> WriteBundleAsync(string profileName, string output, CancellationToken cancellationToken)
    {
        Bundles.Add((profileName, output));
        return Task.FromResult(new Core.Support.BundleResult(output, ["versions.txt"], 0));
    }

    public Task<DoctorReport> RunDoctorAsync(string? profileName, CancellationToken cancellationToken)
    {
        DoctorRuns.Add(profileName);
        return PendingDoctor?.Task ?? Task.FromResult(Report);
    }
}
