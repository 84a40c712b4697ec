namespace PppTui.Core.Doctor;

/// <summary>The doctor's checks of the programs and pppd plugins the profiles need.</summary>
public sealed partial class DoctorService
{
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
            checks.Add(DoctorCheck.Fail("tools.pppd", "pppd", Msg.F("pppd is not installed (looked in {0})", string.Join(", ", BinDirs)), "apt-get install ppp"));
        }
        else
        {
            var (version, evidence, error) = await Version(pppd, "--version", PppdVersion(), cancellationToken).ConfigureAwait(false);
            pppdVersion = version;
            checks.Add(version is not null
                ? DoctorCheck.Ok("tools.pppd", "pppd", $"pppd {version} ({pppd})") with { Evidence = evidence }
                : DoctorCheck.Warn("tools.pppd", "pppd", Msg.F("{0} is there but '{0} --version' failed: {1}", pppd, error),
                    Msg.T("Run ppptui as root; pppd is root:dip 4754 on Debian, so other users need group dip.")) with { Evidence = evidence });
        }

        var pptp = FindTool("pptp");
        if (pptp is null)
            checks.Add(Optional("tools.pptp", "pptp", Msg.T("pptp (pptp-linux) is not installed"), "apt-get install pptp-linux", needs.PptpProgram, "PPTP"));
        else
        {
            var (version, evidence, error) = await Version(pptp, "--version", PptpVersion(), cancellationToken).ConfigureAwait(false);
            checks.Add(version is not null
                ? DoctorCheck.Ok("tools.pptp", "pptp", $"pptp {version} ({pptp})") with { Evidence = evidence }
                : DoctorCheck.Warn("tools.pptp", "pptp", Msg.F("{0} is there but '{0} --version' failed: {1}", pptp, error), Msg.T("Reinstall it: apt-get install --reinstall pptp-linux")) with { Evidence = evidence });
        }

        // chat has no version option: it comes with pppd in the ppp package.
        var chat = FindTool("chat");
        checks.Add(chat is null
            ? Optional("tools.chat", "chat", Msg.T("chat is not installed"), "apt-get install ppp", needs.Chat, "modem")
            : DoctorCheck.Ok("tools.chat", "chat", Msg.F("chat ({0}), from the ppp package{1}", chat, pppdVersion is null ? "" : $" {pppdVersion}")));
        return pppdVersion;
    }

    private static DoctorCheck Optional(string id, string title, string detail, string fix, List<string> users, string kind) =>
        users.Count > 0
            ? DoctorCheck.Fail(id, title, users.Count == 1 ? Msg.F("{0}, but {1} needs it", detail, users[0]) : Msg.F("{0}, but {1} need it", detail, string.Join(", ", users)), fix)
            : DoctorCheck.Skip(id, title, Msg.F("{0}; only {1} profiles need it ({2})", detail, kind, fix));

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
        const string id = "tools.pppoe-plugin";
        var title = Msg.T("PPPoE plugin");
        var plugins = needs.Plugins.Count > 0 ? needs.Plugins.Keys.ToList() : ["rp-pppoe.so"];
        foreach (var plugin in plugins)
        {
            var found = PluginCandidates(plugin, pppdVersion).FirstOrDefault(p => File.Exists(_paths.Under(p)));
            if (found is not null)
            {
                yield return DoctorCheck.Ok(id, title, Msg.F("{0} is at {1}", plugin, found)) with { Evidence = found };
                continue;
            }
            var where = pppdVersion is null ? "/usr/lib/pppd/VERSION/" : $"/usr/lib/pppd/{pppdVersion}/";
            var users = needs.Plugins.TryGetValue(plugin, out var user) ? [user] : new List<string>();
            yield return Optional(id, title, Msg.F("{0} is not in {1}", plugin, where), Msg.T("apt-get install ppp (the plugin ships with pppd; its folder must match pppd's version)"), users, "PPPoE");
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
}
