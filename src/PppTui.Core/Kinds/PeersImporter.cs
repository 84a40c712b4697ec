namespace PppTui.Core.Kinds;

/// <summary>What importing one peers file gave.</summary>
public sealed record ImportResult(
    Profile Profile,
    IReadOnlyList<FieldError> Warnings,
    string? SecretsFile,
    int? SecretsLine)
{
    public bool HasSecret => SecretsFile is not null;

    /// <summary>Profiles already there whose password is the same secrets record: ppptui then
    /// neither changes nor deletes that record without --force.</summary>
    public IReadOnlyList<string> SharesRecordWith { get; init; } = [];

    /// <summary>What the user should know that is no fault: names pppd cuts, and the name it uses.</summary>
    public IReadOnlyList<string> Notes => PppdNames.Notes(Profile.Ppp);
}

/// <summary>
/// Turns hand-written peers files into profiles: the kind is recognised, the modelled options are
/// read into fields and every other option is kept verbatim, so that rendering the profile over
/// the unchanged file gives back the same bytes.
/// </summary>
public sealed class PeersImporter
{
    private readonly SystemPaths _paths;

    public PeersImporter(SystemPaths paths) => _paths = paths;

    /// <summary>The peers files on the system, by name: the files of the peers folder that
    /// <see cref="PeersFileRule"/> takes for peers files (not READMEs, backups or chat scripts).</summary>
    /// <param name="skip">Names left out without reading their files (those a profile manages
    /// already: judging them would read every managed peers file for a list that drops them).</param>
    public IReadOnlyList<string> PeerNames(IReadOnlySet<string>? skip = null)
    {
        if (!Directory.Exists(_paths.EtcPpp))
            throw new PppTuiException(Msg.F("{0} does not exist: pppd is not installed here", _paths.EtcPpp),
                Msg.T("Install it (apt-get install ppp), or point --root at a folder holding etc/ppp."));
        // Links whose options a daemon's configuration keeps elsewhere (an xl2tpd [lac NAME] section) are peers too.
        var elsewhere = KindRegistry.OptionsElsewhere(new KindContext(_paths, null)).Select(p => p.Key);
        if (!Directory.Exists(_paths.PeersDir))
        {
            if (TextFile.IsHiddenByPermissions(_paths.PeersDir)) throw new NeedsRootException(Msg.T("Listing the peers files"), _paths.PeersDir, write: false);
            return elsewhere.Where(name => skip is null || !skip.Contains(name)).Distinct().Order(StringComparer.Ordinal).ToList();
        }
        try
        {
            return Directory.EnumerateFiles(_paths.PeersDir)
                .Where(path => skip is null || !skip.Contains(Path.GetFileName(path)))
                .Where(PeersFileRule.IsPeersFile)
                .Select(Path.GetFileName)
                .OfType<string>()
                .Concat(elsewhere.Where(name => skip is null || !skip.Contains(name)))
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (UnauthorizedAccessException)
        {
            throw new NeedsRootException(Msg.T("Listing the peers files"), _paths.PeersDir, write: false);
        }
    }

    public ImportResult Import(string name)
    {
        var path = _paths.PeerFile(name);
        var text = TextFile.ReadOrNull(path);
        if (text is null && OptionsElsewhere(name) is { } other)
            text = TextFile.ReadOrNull(_paths.Resolve(other)) ?? throw new PppTuiException(
                Msg.F("{0}, the options file of {1}, does not exist", other, name),
                Msg.F("Create it, or point {0}'s configuration at an existing pppd options file.", name), kind: FailureKind.NotFound);
        return FromText(name, text ?? throw new PppTuiException(
            Msg.F("{0} does not exist", path), Msg.T("See the peers files with 'ls /etc/ppp/peers', or create a profile with 'ppptui new'."), kind: FailureKind.NotFound));
    }

    /// <summary>The options file a daemon names for <paramref name="name"/> outside the peers folder, or null.</summary>
    public string? OptionsElsewhere(string name) =>
        KindRegistry.OptionsElsewhere(new KindContext(_paths, null)).Where(p => p.Key == name).Select(p => p.Value).FirstOrDefault();

    public ImportResult FromText(string name, string text)
    {
        var peers = OptionFile.Parse(text);
        var context = new KindContext(_paths, null);
        var kind = KindRegistry.Detect(name, peers, context);
        var profile = new Profile(name, kind.Kind);
        SharedPppOptions.Import(peers, profile.Ppp);
        kind.Import(peers, profile, context);
        var editor = new PeersEditor(text);
        profile.ExtraOptions = peers.Entries
            .Where(e => !SharedPppOptions.Models(e.Name) && !kind.Models(e, peers))
            .Select(editor.RawText)
            .ToList();
        profile.Ppp.Routes = ImportRoutes(name, profile.Ppp.IpParam ?? name);
        // A DNS hook ppptui installed before (its ip-up.d script sets DNS servers) stays.
        profile.Ppp.DnsHook = LinkHookScripts.SetsDns(_paths, name);

        var (secretsFile, secretsLine) = FindSecret(profile);
        var warnings = ProfileValidator.Validate(profile);
        return new ImportResult(profile, warnings, secretsFile, secretsLine);
    }

    /// <summary>Where pppd would find the profile's password: the secrets file and line, or nulls.</summary>
    public (string? File, int? Line) FindSecret(Profile profile) => FindSecret(profile, out _);

    /// <summary>As <see cref="FindSecret(Profile)"/>; <paramref name="unreadable"/> names the first
    /// secrets file only root may read, so "not found" is not mistaken for "not set".</summary>
    public (string? File, int? Line) FindSecret(Profile profile, out string? unreadable)
    {
        unreadable = null;
        if (profile.SecretsClient is not { } user) return (null, null);
        foreach (var (system, full) in _paths.SecretsFiles)
        {
            string? text;
            try { text = TextFile.ReadOrNull(full); }
            catch (NeedsRootException) { unreadable ??= system; continue; }
            catch (PppTuiException) { continue; }
            if (text is null) continue;
            if (SecretsFile.Parse(text).BestMatch(user, profile.SecretsServer) is { } record)
                return (system, record.Line);
        }
        return (null, null);
    }

    // Routes come back from our own ip-up.d script, if ppptui wrote one for this profile before.
    private List<string> ImportRoutes(string name, string tag)
    {
        var script = _paths.Resolve(SystemPaths.RoutesScriptSystemPath(name));
        if (!File.Exists(script)) return [];
        return File.ReadAllLines(script)
            .Where(l => l.StartsWith("ip route replace ", StringComparison.Ordinal))
            .Select(l => l.Split(' ')[3])
            .ToList();
    }
}
