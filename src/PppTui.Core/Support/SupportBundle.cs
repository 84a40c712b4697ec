using System.Formats.Tar;
using System.IO.Compression;
using PppTui.Core.Doctor;

namespace PppTui.Core.Support;

/// <summary>What to put in a support bundle.</summary>
public sealed record BundleRequest(string Profile, string Output)
{
    /// <summary>ppptui's own version, as the front end knows it.</summary>
    public string AppVersion { get; init; } = "unknown";

    /// <summary>How many of the link's newest log lines to include.</summary>
    public int LogLines { get; init; } = 300;
}

/// <summary>The bundle that was written: where, and the names of its entries.</summary>
public sealed record BundleResult(string Path, IReadOnlyList<string> Entries, int SecretsMasked)
{
    /// <summary>The files that could not be read (not root), each with why; empty for a whole bundle.</summary>
    public IReadOnlyList<string> NotRead { get; init; } = [];
}

/// <summary>
/// <c>ppptui bundle NAME</c>: one tar.gz a user can attach to a bug report: versions, the doctor
/// report, the effective options with their origins, the profile and the files pppd reads for it,
/// the link's newest log lines, its status and the routes. Every text is masked before it is
/// written: each secret of chap-secrets and pap-secrets (this user's and everybody else's), SIM
/// PINs, and anything that looks like <c>password X</c>. The secrets files go in as their masked
/// records only, so the bundle shows which records exist without any of their secrets.
/// Run by a user who may not read some files (the secrets, a peers folder of root:dip, the system
/// log), it still writes what it can and lists the rest, with why, in <see cref="NotReadEntry"/>.
/// </summary>
public sealed partial class SupportBundle
{
    /// <summary>The entry that says which files a partial bundle lacks.</summary>
    public const string NotReadEntry = "NOT-READ.txt";

    private readonly SystemPaths _paths;
    private readonly ICommandRunner _runner;

    public SupportBundle(SystemPaths paths, ICommandRunner runner)
    {
        _paths = paths;
        _runner = runner;
    }

    /// <summary>Collects every entry, masks it, and writes the tar.gz atomically (mode 0600).</summary>
    /// <exception cref="PppTuiException">No profile or peers file by that name (NotFound), or the output cannot be written.</exception>
    public async Task<BundleResult> WriteAsync(BundleRequest request, CancellationToken cancellationToken = default)
    {
        if (Dialing.LinkNames.Problem(request.Profile) is { } problem)
            throw new PppTuiException(Msg.F("'{0}' is not a profile name: {1}", request.Profile, problem), Msg.T("Give the name 'ppptui list' shows."), kind: FailureKind.BadInput);
        // The file as the system names it (or what else it was) -> why it could not be read, in the order met.
        var notRead = new Dictionary<string, string>(StringComparer.Ordinal);
        var peers = _paths.PeerFile(request.Profile);
        var profileFile = _paths.ProfileFile(request.Profile);
        // A peers folder the user may not search (Debian's 2750 root:dip) hides the file: unknown, not missing.
        if (!File.Exists(peers) && !File.Exists(profileFile) && !TextFile.IsHiddenByPermissions(peers))
            throw new PppTuiException(Msg.F("no profile or peers file named '{0}' ({1} does not exist)", request.Profile, peers),
                Msg.T("See 'ppptui list' for the names."), kind: FailureKind.NotFound);

        var entries = new List<(string Name, string Text)>();
        // A profile the doctor cannot load (an invalid TOML file, files only root may read) is what a
        // bundle is for: the rest is still written, and doctor.txt says why it is empty.
        DoctorReport report;
        string doctorText;
        try
        {
            report = await new DoctorService(_paths, _runner).RunAsync(new DoctorRequest { Profile = request.Profile }, cancellationToken).ConfigureAwait(false);
            doctorText = DoctorText(report);
        }
        catch (PppTuiException e)
        {
            report = new DoctorReport([]);
            doctorText = "# the doctor could not run: " + e.Message + "\n";
        }
        entries.Add(("versions.txt", Versions(request, report)));
        entries.Add(("doctor.txt", doctorText));
        entries.Add(("effective-options.txt", EffectiveText(request.Profile)));
        foreach (var (name, path) in ConfigFiles(request.Profile))
            if (ReadOrNote(path, notRead) is { } text) entries.Add((name, text));
        foreach (var (name, path) in new[] { ("etc/ppp/chap-secrets.masked", _paths.ChapSecrets), ("etc/ppp/pap-secrets.masked", _paths.PapSecrets) })
            if (ReadOrNote(path, notRead) is { } text) entries.Add((name, MaskedRecords(text)));
        entries.Add(("log.txt", await LogText(request, notRead, cancellationToken).ConfigureAwait(false)));
        entries.Add(("status.txt", await CommandsText(StatusCommands(request.Profile), cancellationToken).ConfigureAwait(false)));
        entries.Add(("routes.txt", await CommandsText(RouteCommands, cancellationToken).ConfigureAwait(false)));
        if (notRead.Count > 0) entries.Add((NotReadEntry, NotReadText(request.Profile, notRead)));

        var secrets = KnownSecrets(entries.Select(e => e.Text), notRead);
        var masked = entries.Select(e => (e.Name, Text: Mask(e.Text, secrets))).ToList();
        var folder = "ppptui-bundle-" + request.Profile + "/";
        var bytes = Archive(masked.Select(e => (folder + e.Name, e.Text)));
        WritePrivate(request.Output, bytes);
        return new BundleResult(request.Output, masked.Select(e => folder + e.Name).ToList(), secrets.Count)
        {
            NotRead = notRead.Select(n => $"{n.Key}: {n.Value}").ToList(),
        };
    }

    /// <summary>
    /// The text with every known secret, every PIN sent to a modem and every password-looking
    /// value replaced by <see cref="Redactor.Mask"/>.
    /// </summary>
    public static string Mask(string text, IReadOnlyCollection<string> secrets)
    {
        // Longest first, so a secret that contains a shorter one is masked whole.
        foreach (var secret in secrets.OrderByDescending(s => s.Length))
            text = text.Replace(secret, Redactor.Mask, StringComparison.Ordinal);
        text = PinCommand().Replace(text, m => m.Groups[1].Value + Redactor.Mask);
        return Redactor.Redact(text);
    }

    // Every secret of every record, whoever it belongs to; the secrets files are read here only.
    private List<string> KnownSecrets(IEnumerable<string> texts, Dictionary<string, string> notRead)
    {
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in _paths.SecretsFiles.Select(f => f.Full))
            if (ReadOrNote(path, notRead) is { } text)
                foreach (var record in SecretsFile.Parse(text).Records)
                    if (record.Secret is { Length: > 0 } secret and not "*" and not "-" and not "\"\"") secrets.Add(secret);
        // A `password` option in a peers file, and a PIN in a chat script: their values, wherever else they appear.
        foreach (var text in texts)
        {
            foreach (Match m in PasswordOption().Matches(text)) secrets.Add(m.Groups["value"].Value.Trim('"', '\''));
            foreach (Match m in PinCommand().Matches(text)) secrets.Add(m.Groups[2].Value);
        }
        secrets.RemoveWhere(s => s.Length == 0);
        return [.. secrets];
    }

    // Not root: the file is left out and listed with why, rather than the whole bundle failing.
    private string? ReadOrNote(string path, Dictionary<string, string> notRead)
    {
        try
        {
            return TextFile.ReadOrNull(path);
        }
        catch (PppTuiException e)
        {
            notRead.TryAdd(SystemPathOf(path), e is NeedsRootException ? "only root may read it" : e.Message);
            return null;
        }
    }

    private string SystemPathOf(string path) =>
        _paths.IsSystemRoot ? path : "/" + Path.GetRelativePath(_paths.Root, path).Replace('\\', '/');

    private static string NotReadText(string profile, Dictionary<string, string> notRead)
    {
        var text = new StringBuilder("# This bundle is partial: ppptui ran without the rights to read these files, so they are not in it.\n");
        foreach (var (path, why) in notRead) text.Append(path).Append(": ").Append(why).Append('\n');
        return text.Append("# For a whole bundle run it as root: sudo ppptui bundle ").Append(profile).Append('\n').ToString();
    }

    private static string MaskedRecords(string text) =>
        string.Join('\n', SecretsFile.Parse(text).Records.Select(r =>
            $"{r.Client} {r.Server} {Redactor.Mask} {string.Join(' ', r.Addresses)}".TrimEnd())) + "\n";

    private IEnumerable<(string Name, string Path)> ConfigFiles(string profile)
    {
        yield return ("etc/ppptui/profiles/" + profile + ".toml", _paths.ProfileFile(profile));
        yield return ("etc/ppp/options", _paths.Options);
        yield return ("etc/ppp/peers/" + profile, _paths.PeerFile(profile));
        var peersText = TextFile.ReadIfReadable(_paths.PeerFile(profile)) ?? "";
        var seen = new HashSet<string>(StringComparer.Ordinal) { "/etc/ppp/options", SystemPaths.PeerSystemPath(profile) };
        foreach (var option in SafeEffective(profile))
            if (option.Name == "file" && option.Argument is { } include && include.StartsWith('/') && seen.Add(include))
                yield return (include.TrimStart('/'), _paths.Resolve(include));
        foreach (Match m in ChatFile().Matches(peersText))
            if (m.Groups[1].Value is var chat && chat.StartsWith('/') && seen.Add(chat))
                yield return (chat.TrimStart('/'), _paths.Resolve(chat));
    }

    private IReadOnlyList<EffectiveOption> SafeEffective(string profile)
    {
        try
        {
            return EffectiveOptions.For(_paths, profile);
        }
        catch (PppTuiException)
        {
            return [];
        }
    }

    private string EffectiveText(string profile)
    {
        var text = new StringBuilder("# option argument  (file:line)  [overridden by file:line]\n");
        try
        {
            foreach (var o in EffectiveOptions.For(_paths, profile))
                text.Append(o.Name).Append(o.Argument is null ? "" : " " + PppQuoting.Quote(o.Argument))
                    .Append("  (").Append(o.Source).Append(')')
                    .Append(o.OverriddenBy is { } by ? "  [overridden by " + by + "]" : "").Append('\n');
        }
        catch (PppTuiException e)
        {
            text.Append("not readable: ").Append(e.Message).Append('\n');
        }
        return text.ToString();
    }

    private string Versions(BundleRequest request, DoctorReport report)
    {
        var osRelease = TextFile.ReadOrNull(_paths.Resolve("/etc/os-release")) ?? "";
        var distribution = OsPrettyName().Match(osRelease) is { Success: true } m ? m.Groups[1].Value : "unknown (no /etc/os-release)";
        var kernel = TextFile.ReadOrNull(Path.Join(_paths.Proc, "sys", "kernel", "osrelease"))?.Trim() ?? "unknown";
        var pppd = report.Find("tools.pppd") is { } check ? check.Detail : "not checked";
        return $"ppptui: {request.AppVersion}\npppd: {pppd}\nkernel: {kernel}\ndistribution: {distribution}\n" +
               $"bundle made: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z\n";
    }

    private static string DoctorText(DoctorReport report)
    {
        var text = new StringBuilder();
        foreach (var c in report.Checks)
        {
            text.Append(c.Status.ToString().ToUpperInvariant()).Append("  ").Append(c.Id)
                .Append(c.Profile is null ? "" : " [" + c.Profile + "]").Append("  ").Append(c.Detail).Append('\n');
            if (c.Evidence is { } evidence) text.Append("      seen: ").Append(evidence).Append('\n');
            if (c.Fix is { } fix) text.Append("      fix:  ").Append(fix).Append('\n');
        }
        return text.Append('\n').Append(report.Summary).Append('\n').ToString();
    }

    private async Task<string> LogText(BundleRequest request, Dictionary<string, string> notRead, CancellationToken cancellationToken)
    {
        var scope = LinkLogScope.For(_paths, request.Profile);
        var log = new LogRequest { Lines = request.LogLines, Filter = LogFilter.All with { Programs = LogFilter.DefaultPrograms } };
        if (scope.LogFile is not null) log = log with { ProfileLogFile = scope.LogFile, ProfileName = request.Profile, Filter = LogFilter.All };
        else if (scope.Tracker is not null) log = log with { Links = scope.Tracker, Filter = log.Filter with { Link = request.Profile } };
        var text = new StringBuilder();
        try
        {
            await foreach (var e in new LogReader(_paths, _runner).ReadAsync(log, cancellationToken).ConfigureAwait(false))
            {
                if (e is LogLineRead { Line: var line }) text.Append(line.Text).Append('\n');
                else if (e is LogNotice notice) text.Append("# ").Append(notice.Message).Append('\n');
            }
        }
        catch (LogSourceException e)
        {
            text.Append("# no log: ").Append(e.Message).Append('\n');
            // A log that is not there is said in log.txt; one that is there but closed to this user makes the bundle partial.
            if (!e.NotFound) notRead.TryAdd("the link's log", e.Message);
        }
        return text.ToString();
    }

    private IEnumerable<CommandSpec> StatusCommands(string profile)
    {
        var pidFile = Path.Join(_paths.RunDir, $"ppp-{profile}.pid");
        var iface = (TextFile.ReadOrNull(pidFile) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).FirstOrDefault();
        yield return new CommandSpec("ip", iface is null ? ["-d", "address", "show"] : ["-d", "-s", "address", "show", "dev", iface]);
    }

    private static readonly CommandSpec[] RouteCommands =
    [
        new("ip", ["-4", "route", "show", "table", "all"]),
        new("ip", ["-6", "route", "show"]),
    ];

    private async Task<string> CommandsText(IEnumerable<CommandSpec> commands, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var spec in commands)
        {
            var result = await _runner.RunAsync(spec with { Timeout = TimeSpan.FromSeconds(10) }, cancellationToken).ConfigureAwait(false);
            text.Append("$ ").Append(spec).Append('\n').Append(result.StandardOutput);
            if (!result.Succeeded) text.Append("# exit ").Append(result.ExitCode).Append(": ").Append(result.StandardError.Trim()).Append('\n');
        }
        return text.ToString();
    }

    // Masked, but still about one user's links: readable by its owner only, and never half-written.
    private static void WritePrivate(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Join(Path.GetDirectoryName(full), "." + Path.GetFileName(full) + ".tmp-" + Environment.ProcessId);
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions
                   {
                       Mode = FileMode.CreateNew, Access = FileAccess.Write,
                       UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                   }))
                stream.Write(bytes);
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new PppTuiException(Msg.F("cannot write the bundle to {0}: {1}", full, e.Message), Msg.T("Give a writable path with -o FILE."),
                kind: e is UnauthorizedAccessException ? FailureKind.AccessDenied : FailureKind.Failure, inner: e);
        }
    }

    private static byte[] Archive(IEnumerable<(string Name, string Text)> entries)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name)
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                    ModificationTime = DateTimeOffset.UtcNow,
                };
                tar.WriteEntry(entry);
            }
        }
        return output.ToArray();
    }

    [GeneratedRegex(@"(AT\+CPIN=""?)(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex PinCommand();

    [GeneratedRegex(@"^\s*password\s+(?<value>""[^""]*""|'[^']*'|\S+)", RegexOptions.Multiline)]
    private static partial Regex PasswordOption();

    [GeneratedRegex(@"chat\b[^\n""]*?-f\s+(\S+?)[""\s]")]
    private static partial Regex ChatFile();

    [GeneratedRegex(@"^PRETTY_NAME=""?([^""\n]*)""?", RegexOptions.Multiline)]
    private static partial Regex OsPrettyName();
}
