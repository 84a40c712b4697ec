using System.Text.Json;
using System.Text.RegularExpressions;
using PppTui.Core.Files;
using PppTui.Core.Kinds;
using PppTui.Core.PppConfig;
using PppTui.Core.Processes;
using PppTui.Core.Profiles;

namespace PppTui.Core.Services;

/// <summary>
/// <c>ppptui doctor</c>: checks the box (kernel PPP support, tools, secrets file modes, DNS stack,
/// stale locks, systemd) and each profile (option conflicts, secrets record, optionally the PPTP
/// server's TCP port). Every check says ok / warn / fail / skip, what it saw, and the fix.
/// Reads files under the root and runs commands only through <see cref="ICommandRunner"/>.
/// </summary>
public sealed partial class Doctor
{
    private static readonly string[] BinDirs = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

    private readonly SystemPaths _paths;
    private readonly ICommandRunner _runner;
    private readonly ITcpProbe _probe;
    private readonly SystemdPresence _systemd;

    public Doctor(SystemPaths paths, ICommandRunner runner, ITcpProbe? probe = null, SystemdPresence? systemd = null)
    {
        _paths = paths;
        _runner = runner;
        _probe = probe ?? new SocketTcpProbe();
        _systemd = systemd ?? ServiceManager.Detect(paths);
    }

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
        checks.Add(SecretsMode("/etc/ppp/chap-secrets", _paths.ChapSecrets));
        checks.Add(SecretsMode("/etc/ppp/pap-secrets", _paths.PapSecrets));
        var dns = DnsStack.Detect(_paths);
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
            if (ValueRules.CheckProfileName(name) is null && File.Exists(_paths.PeerFile(name))) return [new Target(name, null)];
            throw new ProfileNotFoundException(name, service.Store.PathOf(name));
        }
        var catalog = service.List();
        foreach (var problem in catalog.Problems)
            checks.Add(DoctorCheck.Fail("profiles.file", "profile file", problem.ToString(), "Fix the TOML file named, or re-create it with 'ppptui import NAME --replace'.")
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

    // ---- kernel ----------------------------------------------------------------------------

    private static string Kernel(KernelSupport k) => k.Release.Length > 0 ? $"the running kernel ({k.Release})" : "the running kernel";

    private IEnumerable<DoctorCheck> KernelChecks(KernelSupport kernel, Needs needs)
    {
        var generic = kernel.Module("ppp_generic", "CONFIG_PPP");
        yield return GenericCheck(kernel, generic);
        yield return DevPppCheck(kernel, generic);
        foreach (var (module, symbol, users, purpose) in new[]
                 {
                     ("ppp_async", "CONFIG_PPP_ASYNC", needs.Async, "serial modems and PPTP (pppd talks to pptp through a pty)"),
                     ("ppp_mppe", "CONFIG_PPP_MPPE", needs.Mppe, "MPPE encryption (require-mppe, PPTP)"),
                     ("pppoe", "CONFIG_PPPOE", needs.PppoeModule, "PPPoE (the rp-pppoe plugin)"),
                 })
        {
            var id = "kernel." + module;
            var title = $"kernel module {module}";
            if (!generic.Present)
            {
                yield return DoctorCheck.Skip(id, title, "no PPP in the kernel (see kernel.ppp_generic)");
                continue;
            }
            var state = kernel.Module(module, symbol);
            if (state.Present)
            {
                yield return DoctorCheck.Ok(id, title, $"{Describe(state)}; needed for {purpose}") with { Evidence = state.Evidence };
                continue;
            }
            var detail = $"{module} is {Missing(state, kernel)}; it is needed for {purpose}" +
                         (users.Count > 0 ? $", which {string.Join(", ", users)} use{(users.Count == 1 ? "s" : "")}" : "");
            var fix = state.Availability == ModuleAvailability.ModuleFileMissing
                ? $"Install the modules of {Kernel(kernel)} (apt-get install linux-image-$(uname -r); on Ubuntu linux-modules-extra-$(uname -r)), then modprobe {module}."
                : $"Use a kernel built with {symbol} (Debian's stock kernel has it); in a container, run modprobe {module} on the host.";
            yield return (users.Count > 0 ? DoctorCheck.Fail(id, title, detail, fix) : DoctorCheck.Warn(id, title, detail, fix)) with { Evidence = state.Evidence };
        }
    }

    private static string Describe(KernelModuleState state) => state.Availability switch
    {
        ModuleAvailability.Loaded => "loaded",
        ModuleAvailability.BuiltIn => "built into the kernel",
        ModuleAvailability.Loadable => "available as a module (the kernel loads it when pppd needs it)",
        _ => state.Availability.ToString(),
    };

    private static string Missing(KernelModuleState state, KernelSupport kernel) => state.Availability switch
    {
        ModuleAvailability.NotBuilt => $"not in {Kernel(kernel)}: it was built without {state.ConfigSymbol}",
        ModuleAvailability.ModuleFileMissing => $"built as a module for {Kernel(kernel)}, but the module file is not installed",
        _ => $"not loaded, and {Kernel(kernel)} shows no trace of it",
    };

    private static DoctorCheck GenericCheck(KernelSupport kernel, KernelModuleState generic)
    {
        const string id = "kernel.ppp_generic", title = "PPP support in the kernel";
        if (generic.Present)
            return DoctorCheck.Ok(id, title, $"ppp_generic is {Describe(generic)}") with { Evidence = generic.Evidence };
        var exit4 = "pppd stops with exit code 4 (\"Couldn't open the /dev/ppp device\").";
        var containerFix = "In a container, load it on the host (modprobe ppp_generic) and start the container with the device: docker run --device /dev/ppp --cap-add NET_ADMIN ...";
        switch (generic.Availability)
        {
            case ModuleAvailability.NotBuilt:
                var noModules = kernel.CanLoadModules == false ? " and cannot load modules (CONFIG_MODULES is not set)" : "";
                return DoctorCheck.Fail(id, title,
                    $"No PPP in the kernel: {Kernel(kernel)} was built without PPP support (CONFIG_PPP){noModules}. {exit4}",
                    "Boot a kernel built with CONFIG_PPP (Debian's stock kernel, linux-image-amd64 or linux-image-arm64, has it as modules). " + containerFix)
                    with { Evidence = generic.Evidence + (kernel.CanLoadModules == false ? $"; {kernel.ConfigSource}: # CONFIG_MODULES is not set" : "") };
            case ModuleAvailability.ModuleFileMissing:
                return DoctorCheck.Fail(id, title,
                    $"No PPP in the kernel now: {Kernel(kernel)} has PPP as a module, but ppp_generic.ko is not installed for it. {exit4}",
                    "Install this kernel's modules (apt-get install linux-image-$(uname -r)), or reboot into the kernel the installed modules belong to; then modprobe ppp_generic.")
                    with { Evidence = generic.Evidence };
            default:
                return kernel.DevPppExists
                    ? DoctorCheck.Warn(id, title,
                        "ppp_generic is not loaded and the kernel's configuration is not readable, but /dev/ppp exists (a container whose host has PPP?).",
                        "Try 'modprobe ppp_generic'; if pppd exits with 4, the kernel lacks PPP. " + containerFix) with { Evidence = generic.Evidence }
                    : DoctorCheck.Fail(id, title,
                        $"No PPP in the kernel that ppptui can find: ppp_generic is not loaded, no module file for it, no /dev/ppp. {exit4}",
                        "Run 'modprobe ppp_generic'; if that fails, boot a kernel built with CONFIG_PPP. " + containerFix) with { Evidence = generic.Evidence };
        }
    }

    private static DoctorCheck DevPppCheck(KernelSupport kernel, KernelModuleState generic)
    {
        const string id = "kernel.dev-ppp", title = "/dev/ppp";
        if (kernel.DevPppExists) return DoctorCheck.Ok(id, title, "/dev/ppp exists");
        if (!generic.Present) return DoctorCheck.Skip(id, title, "no PPP in the kernel (see kernel.ppp_generic)");
        if (generic.Availability == ModuleAvailability.Loadable)
            return DoctorCheck.Warn(id, title, "/dev/ppp does not exist yet; loading ppp_generic creates it",
                "modprobe ppp_generic (or create it: mknod /dev/ppp c 108 0 && chmod 600 /dev/ppp)");
        return DoctorCheck.Fail(id, title, "/dev/ppp does not exist although the kernel has PPP: pppd stops with exit code 4.",
            "mknod /dev/ppp c 108 0 && chmod 600 /dev/ppp; in a container, start it with --device /dev/ppp.");
    }

    // ---- tools -----------------------------------------------------------------------------

    private string? FindTool(string name) =>
        BinDirs.Select(d => d + "/" + name).FirstOrDefault(p => File.Exists(_paths.Under(p)));

    [GeneratedRegex(@"pppd version (\S+)")]
    private static partial Regex PppdVersion();

    [GeneratedRegex(@"pptp version (\S+)")]
    private static partial Regex PptpVersion();

    private async Task<string?> ToolChecks(List<DoctorCheck> checks, Needs needs, CancellationToken cancellationToken)
    {
        string? pppdVersion = null;
        var pppd = FindTool("pppd");
        if (pppd is null)
        {
            checks.Add(DoctorCheck.Fail("tools.pppd", "pppd", "pppd is not installed (looked in " + string.Join(", ", BinDirs) + ")", "apt-get install ppp"));
        }
        else
        {
            var (version, evidence, error) = await Version(pppd, "--version", PppdVersion(), cancellationToken).ConfigureAwait(false);
            pppdVersion = version;
            checks.Add(version is not null
                ? DoctorCheck.Ok("tools.pppd", "pppd", $"pppd {version} ({pppd})") with { Evidence = evidence }
                : DoctorCheck.Warn("tools.pppd", "pppd", $"{pppd} is there but '{pppd} --version' failed: {error}",
                    "Run ppptui as root; pppd is root:dip 4754 on Debian, so other users need group dip.") with { Evidence = evidence });
        }

        var pptp = FindTool("pptp");
        if (pptp is null)
            checks.Add(Optional("tools.pptp", "pptp", "pptp (pptp-linux) is not installed", "apt-get install pptp-linux", needs.PptpProgram, "PPTP"));
        else
        {
            var (version, evidence, error) = await Version(pptp, "--version", PptpVersion(), cancellationToken).ConfigureAwait(false);
            checks.Add(version is not null
                ? DoctorCheck.Ok("tools.pptp", "pptp", $"pptp {version} ({pptp})") with { Evidence = evidence }
                : DoctorCheck.Warn("tools.pptp", "pptp", $"{pptp} is there but '{pptp} --version' failed: {error}", "Reinstall it: apt-get install --reinstall pptp-linux") with { Evidence = evidence });
        }

        // chat has no version option: it comes with pppd in the ppp package.
        var chat = FindTool("chat");
        checks.Add(chat is null
            ? Optional("tools.chat", "chat", "chat is not installed", "apt-get install ppp", needs.Chat, "modem")
            : DoctorCheck.Ok("tools.chat", "chat", $"chat ({chat}), from the ppp package" + (pppdVersion is null ? "" : $" {pppdVersion}")));
        return pppdVersion;
    }

    private static DoctorCheck Optional(string id, string title, string detail, string fix, List<string> users, string kind) =>
        users.Count > 0
            ? DoctorCheck.Fail(id, title, $"{detail}, but {string.Join(", ", users)} need{(users.Count == 1 ? "s" : "")} it", fix)
            : DoctorCheck.Skip(id, title, $"{detail}; only {kind} profiles need it ({fix})");

    private async Task<(string? Version, string Evidence, string? Error)> Version(string tool, string flag, Regex pattern, CancellationToken cancellationToken)
    {
        var spec = new CommandSpec(_paths.Under(tool), [flag]) { Timeout = TimeSpan.FromSeconds(10) };
        var result = await _runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        var output = (result.StandardOutput + "\n" + result.StandardError).Trim();
        var match = pattern.Match(output);
        var firstLine = output.Split('\n')[0].Trim();
        var evidence = $"{tool} {flag}: {(firstLine.Length == 0 ? $"exit {result.ExitCode}" : firstLine)}";
        if (match.Success) return (match.Groups[1].Value, evidence, null);
        return (null, evidence, firstLine.Length == 0 ? $"exit code {result.ExitCode}" : firstLine);
    }

    private IEnumerable<DoctorCheck> PluginChecks(string? pppdVersion, Needs needs)
    {
        const string id = "tools.pppoe-plugin", title = "PPPoE plugin";
        var plugins = needs.Plugins.Count > 0 ? needs.Plugins.Keys.ToList() : ["rp-pppoe.so"];
        foreach (var plugin in plugins)
        {
            var found = PluginCandidates(plugin, pppdVersion).FirstOrDefault(p => File.Exists(_paths.Under(p)));
            if (found is not null)
            {
                yield return DoctorCheck.Ok(id, title, $"{plugin} is at {found}") with { Evidence = found };
                continue;
            }
            var where = pppdVersion is null ? "/usr/lib/pppd/VERSION/" : $"/usr/lib/pppd/{pppdVersion}/";
            var users = needs.Plugins.TryGetValue(plugin, out var user) ? [user] : new List<string>();
            yield return Optional(id, title, $"{plugin} is not in {where}", "apt-get install ppp (the plugin ships with pppd; its folder must match pppd's version)", users, "PPPoE");
        }
    }

    private IEnumerable<string> PluginCandidates(string plugin, string? pppdVersion)
    {
        if (plugin.StartsWith('/')) { yield return plugin; yield break; }
        var versions = new List<string>();
        if (pppdVersion is not null) versions.Add(pppdVersion);
        foreach (var root in new[] { "/usr/lib/pppd" })
        {
            var dir = _paths.Under(root);
            if (Directory.Exists(dir)) versions.AddRange(Directory.EnumerateDirectories(dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
        }
        foreach (var version in versions.Distinct())
        {
            yield return $"/usr/lib/pppd/{version}/{plugin}";
            // pppd 2.5 names the rp-pppoe plugin pppoe.so.
            if (plugin == "rp-pppoe.so") yield return $"/usr/lib/pppd/{version}/pppoe.so";
        }
    }

    // ---- secrets, DNS, locks, systemd ------------------------------------------------------

    private static DoctorCheck SecretsMode(string systemPath, string fullPath)
    {
        var id = "secrets." + Path.GetFileName(systemPath);
        var title = $"{systemPath} permissions";
        if (!File.Exists(fullPath)) return DoctorCheck.Skip(id, title, $"{systemPath} does not exist");
        var mode = File.GetUnixFileMode(fullPath);
        var octal = Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
        var evidence = $"{systemPath}: mode {octal}";
        if ((mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            return DoctorCheck.Fail(id, title, $"{systemPath} is readable by every user (mode {octal}): anyone on the box can read the passwords in it.",
                $"chmod 600 {systemPath}") with { Evidence = evidence };
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite)) != 0)
            return DoctorCheck.Warn(id, title, $"{systemPath} is readable by its group (mode {octal}); pppd warns \"secret file has world and/or group access\".",
                $"chmod 600 {systemPath}") with { Evidence = evidence };
        return DoctorCheck.Ok(id, title, $"only its owner can read it (mode {octal})") with { Evidence = evidence };
    }

    private static DoctorCheck DnsCheck(DnsStack dns)
    {
        const string id = "dns.stack", title = "DNS resolver";
        var servers = dns.Nameservers.Count == 0 ? "no nameserver lines" : "nameserver " + string.Join(", ", dns.Nameservers);
        if (dns.Manager == DnsManager.Missing)
            return DoctorCheck.Warn(id, title, "there is no /etc/resolv.conf: names will not resolve", "Create /etc/resolv.conf with a nameserver line, or install a resolver manager (systemd-resolved, resolvconf).")
                with { Evidence = dns.Evidence };
        var hook = dns.PeerDnsHook is null ? "no ip-up.d hook passes pppd's usepeerdns servers to it" : $"{dns.PeerDnsHook} passes pppd's usepeerdns servers to it";
        if (dns.Nameservers.Count == 0 && dns.Manager == DnsManager.Plain)
            return DoctorCheck.Warn(id, title, $"{dns.ManagerName} with no nameserver lines: names will not resolve until a link brings DNS", "Add a nameserver line to /etc/resolv.conf.")
                with { Evidence = dns.Evidence };
        return DoctorCheck.Ok(id, title, $"{dns.ManagerName} ({servers}); {hook}") with { Evidence = dns.Evidence };
    }

    private IEnumerable<DoctorCheck> LockChecks()
    {
        const string id = "locks.stale", title = "serial port lock files";
        var dir = _paths.VarLock;
        var locks = Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "LCK..*").Order(StringComparer.Ordinal).ToList() : [];
        if (locks.Count == 0)
        {
            yield return DoctorCheck.Ok(id, title, "no lock files in /var/lock");
            yield break;
        }
        var stale = 0;
        foreach (var file in locks)
        {
            var system = "/var/lock/" + Path.GetFileName(file);
            var device = Path.GetFileName(file)["LCK..".Length..];
            var pid = ReadLockPid(file);
            if (pid is { } p && Directory.Exists(Path.Join(_paths.Proc, p.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            {
                var comm = SafeReadLine(Path.Join(_paths.Proc, p.ToString(System.Globalization.CultureInfo.InvariantCulture), "comm"));
                yield return DoctorCheck.Ok(id, title, $"{device} is in use by pid {p}" + (comm is null ? "" : $" ({comm})")) with { Evidence = $"{system}: {p}" };
                continue;
            }
            stale++;
            var why = pid is null ? "holds no readable pid" : $"names pid {pid}, which is not running";
            yield return DoctorCheck.Warn(id, title,
                $"{system} is stale: it {why}. pppd refuses {device} with \"Device {device} is locked\" (exit 6).",
                $"rm {system}") with { Evidence = system + (pid is null ? "" : $": {pid}") };
        }
    }

    /// <summary>A lock file holds the pid as ten ASCII digits (HDB UUCP style) or, rarely, a binary int.</summary>
    internal static int? ReadLockPid(string file)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(file); } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; }
        var text = System.Text.Encoding.ASCII.GetString(bytes).Trim();
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var pid) && pid > 0) return pid;
        if (bytes.Length == 4 && BitConverter.ToInt32(bytes) is > 0 and var binary) return binary;
        return null;
    }

    private static string? SafeReadLine(string file)
    {
        try { return File.Exists(file) ? File.ReadAllText(file).Trim() : null; } catch (IOException) { return null; } catch (UnauthorizedAccessException) { return null; }
    }

    private DoctorCheck SystemdCheck()
    {
        const string id = "service.systemd", title = "systemd (links kept up as services)";
        return _systemd switch
        {
            SystemdPresence.Running => DoctorCheck.Ok(id, title, "systemd runs this system: 'ppptui service enable NAME' keeps a link up across logouts and reboots"),
            SystemdPresence.Offline => DoctorCheck.Skip(id, title, "--root is not the running system: services are enabled there as unit files only"),
            _ => DoctorCheck.Skip(id, title, "systemd is not running here (no /run/systemd/system): 'ppptui service' cannot work; " +
                                             "start links at boot with an /etc/network/interfaces 'provider' stanza or '@reboot pon NAME' in root's crontab"),
        };
    }

    // ---- profiles --------------------------------------------------------------------------

    private IEnumerable<DoctorCheck> ProfileChecks(Target target, DnsStack dns, IReadOnlyList<DefaultRoute>? routes, string? routeError)
    {
        var name = target.Name;
        if (target.Options is null)
        {
            yield return DoctorCheck.Fail("profile.peers", "peers file", target.OptionsError ?? $"/etc/ppp/peers/{name} cannot be read",
                target.OptionsFix ?? $"Write it with 'ppptui apply {name}'.") with { Profile = name };
            yield break;
        }
        yield return DoctorCheck.Ok("profile.peers", "peers file", $"/etc/ppp/peers/{name}: {target.Options.Count} options in effect or overridden") with { Profile = name };
        if (target.Profile is { } profile) yield return SecretRecordCheck(profile);
        if (target.Profile is { } weak && KindRegistry.Get(weak.Kind).Caution is { } caution && CautionsWanted())
            yield return DoctorCheck.Warn("profile.kind", "connection kind", caution, "MS-CHAPv2 falls to one offline DES search of a captured handshake, whatever the password. Move to L2TP/IPsec (ppptui new NAME --kind l2tp); kind_cautions = false in ppptui.toml hides this.") with { Profile = name };
        yield return OptionRules.Auth(name, target.Options);
        yield return OptionRules.MppeAuth(name, target.Options);
        yield return OptionRules.DefaultRouteRule(name, target.Options, routes, routeError);
        yield return OptionRules.PeerDns(name, target.Options, dns);
        if (_systemd != SystemdPresence.Absent)
        {
            var manager = new ServiceManager(_paths, _runner, _systemd);
            yield return manager.IsEnabled(name)
                ? DoctorCheck.Ok("service.unit", "kept up by systemd", $"{SystemdUnits.InstanceName(name)} is enabled") with { Profile = name }
                : DoctorCheck.Skip("service.unit", "kept up by systemd", $"not a service (ppptui service enable {name} makes it one)") with { Profile = name };
        }
    }

    // The root's ppptui.toml decides (the doctor runs as root); unreadable or absent: say it.
    private bool CautionsWanted() => new Settings.AppSettingsStore(_paths.AppConfigFile).Load().Settings.KindCautions;

    private DoctorCheck SecretRecordCheck(Profile profile)
    {
        const string id = "profile.secret", title = "password record";
        if (profile.Ppp.User is not { } user)
            return DoctorCheck.Skip(id, title, "the profile has no user name") with { Profile = profile.Name };
        foreach (var (system, full) in new[] { ("/etc/ppp/chap-secrets", _paths.ChapSecrets), ("/etc/ppp/pap-secrets", _paths.PapSecrets) })
        {
            string? text;
            try { text = TextFile.ReadOrNull(full); }
            catch (PppTuiException ex)
            {
                return DoctorCheck.Warn(id, title, ex.Message, ex.Fix) with { Profile = profile.Name };
            }
            if (text is not null && SecretsFile.Parse(text).BestMatch(user, profile.SecretsServer) is { } record)
                return DoctorCheck.Ok(id, title, $"a record for {user} / {profile.SecretsServer} is at {system}:{record.Line}")
                    with { Evidence = $"{system}:{record.Line}", Profile = profile.Name };
        }
        return DoctorCheck.Fail(id, title,
            $"no chap-secrets or pap-secrets record matches user {user} and server {profile.SecretsServer}: pppd stops with \"No CHAP secret found for authenticating us to {profile.SecretsServer}\".",
            $"printf '%s\\n' \"$PASSWORD\" | ppptui set {profile.Name} --password-stdin") with { Profile = profile.Name };
    }

    private async Task<(IReadOnlyList<DefaultRoute>?, string?)> ReadDefaultRoutes(CancellationToken cancellationToken)
    {
        var spec = new CommandSpec("ip", ["-j", "route", "show", "default"]) { Timeout = TimeSpan.FromSeconds(10) };
        var result = await _runner.RunAsync(spec, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded) return (null, $"'{spec}' exited {result.ExitCode}: {result.StandardError.Trim()}");
        try
        {
            return (ParseRoutes(result.StandardOutput), null);
        }
        catch (JsonException ex)
        {
            return (null, $"'{spec}' printed no JSON ({ex.Message})");
        }
    }

    /// <summary>Reads <c>ip -j route show default</c>.</summary>
    public static IReadOnlyList<DefaultRoute> ParseRoutes(string json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        using var doc = JsonDocument.Parse(json);
        var routes = new List<DefaultRoute>();
        foreach (var route in doc.RootElement.EnumerateArray())
        {
            string? Get(string key) => route.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            routes.Add(new DefaultRoute(Get("gateway"), Get("dev")));
        }
        return routes;
    }

    private async Task<DoctorCheck> Probe(Target target, DoctorRequest request, CancellationToken cancellationToken)
    {
        const string id = "probe.pptp", title = "PPTP server answers on TCP";
        var server = target.Profile is { } profile ? KindRegistry.Get(profile.Kind).ProbeHost(profile) : null;
        if (server is null)
            return DoctorCheck.Skip(id, title, "not a PPTP profile") with { Profile = target.Name };
        var result = await _probe.ConnectAsync(server, request.ProbePort, request.ProbeTimeout, cancellationToken).ConfigureAwait(false);
        return (result.Connected
            ? DoctorCheck.Ok(id, title, result.Detail)
            : DoctorCheck.Fail(id, title, result.Detail + ". pptp cannot open its control connection (\"Could not open control connection\").",
                $"Check the server address (ppptui show {target.Name}), that the server runs, and that TCP {request.ProbePort} and GRE (IP protocol 47) are allowed on the way."))
            with { Profile = target.Name, Evidence = $"TCP {server}:{request.ProbePort}" };
    }
}
