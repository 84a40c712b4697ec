namespace PppTui.Core.Doctor;

/// <summary>
/// <c>ppptui doctor</c>: checks the box (kernel PPP support, tools, secrets file modes, DNS stack,
/// stale locks, systemd) and each profile (option conflicts, secrets record, optionally the PPTP
/// server's TCP port). Every check says ok / warn / fail / skip, what it saw, and the fix.
/// Reads files under the root and runs commands only through <see cref="ICommandRunner"/>.
/// </summary>
public sealed partial class DoctorService(SystemPaths paths, ICommandRunner runner, ITcpProbe? probe = null, SystemdPresence? systemd = null)
{
    private static readonly string[] BinDirs = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

    private readonly SystemPaths _paths = paths;
    private readonly ICommandRunner _runner = runner;
    private readonly ITcpProbe _probe = probe ?? new SocketTcpProbe();
    private readonly SystemdPresence _systemd = systemd ?? ServiceManager.Detect(paths);

    /// <summary>A profile to check: the stored profile, or only a peers file not imported yet.</summary>
    private sealed record Target(string Name, Profile? Profile)
    {
        public IReadOnlyList<EffectiveOption>? Options { get; set; }
        public string? OptionsError { get; set; }
        public string? OptionsFix { get; set; }
    }

    /// <summary>What the profiles on the box need from the kernel and the tools.</summary>
    private sealed class Needs
    {
        public List<string> Async { get; } = [];
        public List<string> Mppe { get; } = [];
        public List<string> PppoeModule { get; } = [];
        public List<string> PptpProgram { get; } = [];
        public List<string> Chat { get; } = [];
        public Dictionary<string, string> Plugins { get; } = new(StringComparer.Ordinal);
    }

    public async Task<DoctorReport> RunAsync(DoctorRequest request, CancellationToken cancellationToken = default)
    {
        var checks = new List<DoctorCheck>();
        var targets = FindTargets(request.Profile, checks);
        var needs = new Needs();
        foreach (var target in targets) Assess(target, needs);

        var kernel = new KernelSupport(_paths);
        checks.AddRange(KernelChecks(kernel, needs));
        var pppdVersion = await ToolChecks(checks, needs, cancellationToken).ConfigureAwait(false);
        checks.AddRange(PluginChecks(pppdVersion, needs));
        foreach (var (system, full) in _paths.SecretsFiles) checks.Add(SecretsMode(system, full));
        var dns = DnsState.Read(_paths);
        checks.Add(DnsCheck(dns));
        checks.AddRange(LockChecks());
        checks.Add(SystemdCheck());

        IReadOnlyList<DefaultRoute>? routes = null;
        string? routeError = null;
        if (targets.Any(t => t.Options is { } o && OptionRules.InEffect(o, "defaultroute") is not null))
            (routes, routeError) = await ReadDefaultRoutes(cancellationToken).ConfigureAwait(false);

        foreach (var target in targets)
        {
            checks.AddRange(ProfileChecks(target, dns, routes, routeError));
            if (request.Probe) checks.Add(await Probe(target, request, cancellationToken).ConfigureAwait(false));
        }
        return new DoctorReport(checks);
    }

    private List<Target> FindTargets(string? name, List<DoctorCheck> checks)
    {
        var service = new ProfileService(_paths);
        if (name is not null)
        {
            if (service.Store.Exists(name)) return [new Target(name, service.Load(name))];
            // A peers folder the user may not search hides the file: checked as a peers file, whose reads then say they need root.
            if (ValueRules.CheckProfileName(name) is null && (File.Exists(_paths.PeerFile(name)) || TextFile.IsHiddenByPermissions(_paths.PeerFile(name))))
                return [new Target(name, null)];
            throw new ProfileNotFoundException(name, service.Store.PathOf(name));
        }
        var catalog = service.List();
        foreach (var problem in catalog.Problems)
            checks.Add(DoctorCheck.Fail("profiles.file", Msg.T("profile file"), problem.ToString(), Msg.T("Fix the TOML file named, or re-create it with 'ppptui import NAME --replace'."))
                with { Evidence = $"{problem.File}:{problem.Line}" });
        return catalog.Profiles.Select(p => new Target(p.Name, p)).ToList();
    }

    private void Assess(Target target, Needs needs)
    {
        try
        {
            target.Options = EffectiveOptions.For(_paths, target.Name, target.Profile is { } profile ? KindRegistry.Get(profile.Kind).Device(profile) : null);
        }
        catch (PppTuiException ex)
        {
            target.OptionsError = ex.Message;
            target.OptionsFix = ex.Message.Contains("permission denied", StringComparison.Ordinal) ? ex.Fix : null;
        }
        var options = target.Options ?? [];
        var kind = target.Profile is { } p ? KindRegistry.Get(p.Kind) : null;
        var kindNeeds = target.Profile is not null ? kind!.Needs(target.Profile) : KindNeeds.None;
        bool Has(string option) => OptionRules.InEffect(options, option) is not null;
        var plugin = OptionRules.InEffect(options, "plugin")?.Argument ?? (target.Profile is not null ? kind!.Plugin(target.Profile) : null);
        var pty = OptionRules.InEffect(options, "pty")?.Argument;
        if (kindNeeds.HasFlag(KindNeeds.AsyncTty) || pty is not null) needs.Async.Add(target.Name);
        if (kindNeeds.HasFlag(KindNeeds.PptpProgram) || (pty?.Contains("pptp", StringComparison.Ordinal) ?? false)) needs.PptpProgram.Add(target.Name);
        if (kindNeeds.HasFlag(KindNeeds.ChatProgram)) needs.Chat.Add(target.Name);
        if (kindNeeds.HasFlag(KindNeeds.PppoePlugin) || (plugin?.Contains("pppoe", StringComparison.Ordinal) ?? false))
        {
            needs.PppoeModule.Add(target.Name);
            needs.Plugins.TryAdd(plugin ?? "rp-pppoe.so", target.Name);
        }
        if (Has("require-mppe") || Has("require-mppe-128") || Has("require-mppe-40") ||
            target.Profile?.Ppp.Mppe is MppeMode.Required or MppeMode.Required128 or MppeMode.Required40)
            needs.Mppe.Add(target.Name);
    }
}
